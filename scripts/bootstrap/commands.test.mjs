// The promises around the bootstrap that nothing else checks: CI runs exactly the README's test command, the pnpm pin
// is the same everywhere, and the real entry point stops at once, before installing anything, on a bad browser path.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { pinnedPnpmVersion } from "./pnpm.mjs";
import { tempDir } from "./testing.mjs";

const rootDir = fileURLToPath(new URL("../..", import.meta.url));
const read = (/** @type {string} */ file) => readFileSync(path.join(rootDir, file), "utf8");

/** The commands of the README's "Two commands" block, keyed by their comment. */
function readmeCommands() {
  const section = read("README.md").split("## Two commands")[1] ?? "";
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return Object.fromEntries(
    block
      .trim()
      .split("\n")
      .map((line) => {
        const [commandPart = "", comment = ""] = line.split("#");
        return [comment.trim(), commandPart.trim()];
      }),
  );
}

test("the README's two commands are the bootstrap's, and .ci/run is exactly the test one", () => {
  const commands = readmeCommands();
  assert.deepEqual(commands, {
    "install and run the product": "node scripts/bootstrap.mjs dev",
    "install and run every test": "node scripts/bootstrap.mjs test",
  });

  const ciCommand = read(".ci/run")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .at(-1);
  assert.equal(ciCommand, `exec ${commands["install and run every test"] ?? ""}`);
});

test("the Docker image installs the pnpm version package.json pins", () => {
  const pinned = pinnedPnpmVersion(JSON.parse(read("package.json")));
  assert.match(read("Dockerfile"), new RegExp(`PNPM_VERSION=${pinned.replace(/\./g, "\\.")}\\b`));
});

test("a PLAYWRIGHT_CHROMIUM_PATH that does not exist stops the test command before any install", (t) => {
  const home = tempDir(t);
  const missing = path.join(home, "no-such-chrome");
  // eslint-disable-next-line no-restricted-syntax -- the child needs PATH and the rest of this environment
  const env = { ...process.env, HOME: home, PLAYWRIGHT_CHROMIUM_PATH: missing };
  const result = spawnSync(
    process.execPath,
    [path.join(rootDir, "scripts", "bootstrap.mjs"), "test"],
    {
      env,
      encoding: "utf8",
      timeout: 30_000,
    },
  );

  assert.equal(result.status, 1);
  assert.equal(
    result.stderr,
    `bootstrap: PLAYWRIGHT_CHROMIUM_PATH=${missing} is not an executable file: point it at a Chromium or Chrome executable, or unset it\n`,
  );
  // Nothing after the search: no pnpm resolution, no install.
  assert.equal(result.stdout, "bootstrap: looking for a Chromium for the browser tests…\n");
});

test("an unknown command prints the usage", () => {
  const result = spawnSync(
    process.execPath,
    [path.join(rootDir, "scripts", "bootstrap.mjs"), "tset"],
    {
      encoding: "utf8",
    },
  );
  assert.equal(result.status, 2);
  assert.equal(result.stderr, "bootstrap: usage: node scripts/bootstrap.mjs test|dev|start\n");
});
