// A second production server for specs that need a process and a database of their own (database failures,
// process-wide state such as the API quota): the web server of the existing build (apps/web/server.ts, as
// scripts/run.ts starts the main one, with the same settings) on a free port, its output kept so a spec can check
// what the server log says.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// eslint-disable-next-line no-restricted-syntax
const baseEnv = process.env;

export interface AppServer {
  baseUrl: string;
  /** Everything the server printed so far (stdout and stderr). */
  logs(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not pick a port"));
      });
    });
  });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("pnpm", args, { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`pnpm ${args.join(" ")} exited with ${code}`)),
    );
  });
}

/** Seeds a provisioned test database as the owner: the demo organization and user (support/auth.ts DEMO). */
export function seedDatabase(adminUrl: string): Promise<void> {
  return run(["-F", "@tenantry/db", "seed"], {
    ...baseEnv,
    MIGRATE_DATABASE_URL: adminUrl,
    DATABASE_URL: adminUrl,
  });
}

export async function startAppServer(opts: {
  databaseUrl: string;
  env?: Record<string, string>;
}): Promise<AppServer> {
  const port = await freePort();
  // next-auth v5 builds absolute URLs with localhost; 127.0.0.1 would fail its CSRF check.
  const baseUrl = `http://localhost:${port}`;
  const attachmentsDir = await mkdtemp(path.join(tmpdir(), "tenantry-e2e-server-"));
  let output = "";
  const child = spawn("pnpm", ["-s", "-F", "@tenantry/web", "start"], {
    cwd: root,
    // Its own process group, so stop() ends pnpm and the server under it together.
    detached: true,
    env: {
      ...baseEnv,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: opts.databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      AUTH_URL: baseUrl,
      SMTP_URL: "",
      DEV_OUTBOX_ENABLED: "1",
      AUTH_RATE_LIMIT_PREFIX: `e2e-${randomBytes(6).toString("hex")}`,
      ATTACHMENTS_DIR: attachmentsDir,
      // No proxy in front: the socket's peer is the client.
      TRUST_PROXY: "",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      process.kill(-child.pid, "SIGTERM");
      const gone = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
      ]);
      if (!gone) process.kill(-child.pid, "SIGKILL");
    }
    await rm(attachmentsDir, { recursive: true, force: true });
  };

  // Up once it answers at all: the health check may well be 503 when the spec starts it with the database down.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web server exited early:\n${output}`);
    const answered = await fetch(`${baseUrl}/api/health`).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the web server did not answer within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseUrl, logs: () => output, stop };
}
