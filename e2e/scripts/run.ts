// Runs the e2e suite against the production build: provisions a fresh database (real server or embedded),
// migrates and seeds it, creates a platform admin for the run (`pnpm admin:grant --create`), starts `next start` on a
// free port as the unprivileged app role, runs Playwright, cleans up.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { provisionTestDatabase } from "@tenantry/db/testing";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const e2eDir = path.join(root, "e2e");
const args = process.argv.slice(2);

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

function run(cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv, cwd = root): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd, env, stdio: "inherit" });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Like run(), writing `input` to the child's standard input (the admin CLI reads a new password from there). */
function runWithInput(
  cmd: string,
  cmdArgs: string[],
  env: NodeJS.ProcessEnv,
  input: string,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { cwd: root, env, stdio: ["pipe", "inherit", "inherit"] });
    child.stdin.end(`${input}\n`);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function waitForHealthy(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not become healthy at ${url} within ${timeoutMs} ms (${last})`);
}

// eslint-disable-next-line no-restricted-syntax
const baseEnv = process.env;
const E2E_ADMIN = {
  email: "platform-admin@e2e.tenantry.dev",
  password: `e2e-admin-${randomBytes(12).toString("hex")}`,
};
const database = await provisionTestDatabase({ label: "e2e" });
const attachmentsDir = await mkdtemp(path.join(tmpdir(), "tenantry-e2e-attachments-"));
let server: ReturnType<typeof spawn> | undefined;
let exitCode: number;
try {
  const seeded = await run("pnpm", ["-F", "@tenantry/db", "seed"], {
    ...baseEnv,
    MIGRATE_DATABASE_URL: database.adminUrl,
    DATABASE_URL: database.adminUrl,
  });
  if (seeded !== 0) throw new Error("seeding the e2e database failed");
  // A dedicated platform admin for the console specs (admin*.spec.ts), created through the bootstrap CLI as the
  // database owner, as an operator would; the seeded demo user stays an ordinary organization owner.
  const granted = await runWithInput(
    "pnpm",
    ["-s", "admin:grant", E2E_ADMIN.email, "--create", "Pat Platform", "--reason", "e2e run"],
    { ...baseEnv, MIGRATE_DATABASE_URL: database.adminUrl, DATABASE_URL: database.adminUrl },
    E2E_ADMIN.password,
  );
  if (granted !== 0) throw new Error("creating the e2e platform admin failed");

  const port = await freePort();
  // next-auth v5 builds absolute URLs with localhost; 127.0.0.1 would fail its CSRF check.
  const baseUrl = `http://localhost:${port}`;
  server = spawn("pnpm", ["exec", "next", "start", "--port", String(port)], {
    cwd: path.join(root, "apps/web"),
    env: {
      ...baseEnv,
      NODE_ENV: "production",
      DATABASE_URL: database.appUrl,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      AUTH_URL: baseUrl,
      // Identity: mail goes to the outbox table (SMTP_URL unset) and /dev/outbox shows it in this production build;
      // rate-limit keys get a per-run namespace so runs sharing one Redis never count each other's failures.
      SMTP_URL: "",
      DEV_OUTBOX_ENABLED: "1",
      AUTH_RATE_LIMIT_PREFIX: `e2e-${randomBytes(6).toString("hex")}`,
      ATTACHMENTS_DIR: attachmentsDir,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForHealthy(`${baseUrl}/api/health`, 60_000);
  exitCode = await run(
    "pnpm",
    ["exec", "playwright", "test", ...args],
    {
      ...baseEnv,
      E2E_BASE_URL: baseUrl,
      E2E_ADMIN_EMAIL: E2E_ADMIN.email,
      E2E_ADMIN_PASSWORD: E2E_ADMIN.password,
    },
    e2eDir,
  );
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  if (server?.exitCode === null) {
    const running = server;
    const exited = new Promise((r) => running.once("exit", r));
    running.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  }
  await database.drop();
  await rm(attachmentsDir, { recursive: true, force: true });
}
process.exit(exitCode);
