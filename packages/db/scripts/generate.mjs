// Runs `prisma generate` without the native schema engine. The CLI insists on downloading that engine before any
// command, but generation never calls it: pointing PRISMA_SCHEMA_ENGINE_BINARY at an existing executable skips the
// download. Users whose environment already sets the variable keep their own value.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// eslint-disable-next-line no-restricted-syntax -- a launcher: it forwards the environment to the CLI
const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
env.CHECKPOINT_DISABLE = "1";

const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, "generate", "--no-hints"], {
  stdio: "inherit",
  env,
});
process.exit(result.status ?? 1);
