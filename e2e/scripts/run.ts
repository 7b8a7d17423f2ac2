// Runs the e2e suite against the production build: provisions a fresh database (real server or embedded),
// migrates and seeds it, creates a platform admin for the run (`pnpm admin:grant --create`), starts the web server
// (apps/web/server.ts, as `pnpm start` and docker do) on a free port as the unprivileged app role, plus two with a
// tiny per-IP sign-in limit for the client-IP specs (one trusting a proxy on loopback), and the worker (apps/worker:
// the job queue, so webhooks are delivered, mail is relayed and knowledge documents are processed), runs Playwright, cleans up.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { provisionTestDatabase } from "@tenantry/db/testing";
import { startFakeOpenAI } from "@tenantry/fake-openai";

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
const servers: ReturnType<typeof spawn>[] = [];
// The assistant's model: the fake OpenAI-compatible server on loopback (its default responder cites the first
// passage and asks for task_create on "create a task …"), so the chat specs stream real SSE without a real model.
const fakeModel = await startFakeOpenAI({ apiKey: "sk-e2e" });
// One key for every web server and the worker: the web encrypts an endpoint's signing secret, the worker decrypts it.
const webhookSecretKey = randomBytes(32).toString("base64");
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

  const webEnv = (port: number, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
    ...baseEnv,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: database.appUrl,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    // next-auth v5 builds absolute URLs with localhost; 127.0.0.1 would fail its CSRF check.
    AUTH_URL: `http://localhost:${port}`,
    // Identity: mail goes to the outbox table (SMTP_URL unset) and /dev/outbox shows it in this production build;
    // rate-limit keys get a per-run namespace so runs sharing one Redis never count each other's failures.
    SMTP_URL: "",
    DEV_OUTBOX_ENABLED: "1",
    // Webhook specs deliver to a receiver they start on loopback.
    WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
    // A production build needs the key that encrypts webhook secrets; each run's database is fresh.
    WEBHOOK_SECRET_KEY: webhookSecretKey,
    AUTH_RATE_LIMIT_PREFIX: `e2e-${randomBytes(6).toString("hex")}`,
    ATTACHMENTS_DIR: attachmentsDir,
    ASSISTANT_BASE_URL: fakeModel.url,
    ASSISTANT_API_KEY: "sk-e2e",
    ASSISTANT_MODEL: "fake-model",
    // The default: the socket's peer is the client, whatever X-Forwarded-For says (no proxy in front).
    TRUST_PROXY: "",
    ...extra,
  });
  const startWeb = (port: number, extra: NodeJS.ProcessEnv = {}) => {
    const child = spawn("pnpm", ["-s", "-F", "@tenantry/web", "start"], {
      cwd: root,
      env: webEnv(port, extra),
      stdio: ["ignore", "inherit", "inherit"],
    });
    servers.push(child);
    return `http://localhost:${port}`;
  };
  const baseUrl = startWeb(await freePort());
  // Two more for client-ip.spec.ts, each with its own rate-limit namespace and a per-IP sign-in limit of 3, so the
  // spec can exhaust it without locking out the rest of the suite (which signs in from the same loopback address):
  // one as deployed without a proxy (the default), one behind a "proxy" on loopback (the specs play the proxy).
  const limitsUrl = startWeb(await freePort(), { AUTH_SIGNIN_IP_LIMIT: "3" });
  const proxiedUrl = startWeb(await freePort(), {
    AUTH_SIGNIN_IP_LIMIT: "3",
    TRUST_PROXY: "loopback",
  });
  // The worker as `pnpm start` runs it, as the app role; the queue's own schema (pgboss) is created by the database
  // owner, as JOBS_DATABASE_URL allows in production. Loopback webhook targets are allowed (the development
  // allowance) because the webhook spec's receiver listens on 127.0.0.1.
  const worker = spawn("pnpm", ["-s", "-F", "@tenantry/worker", "start"], {
    cwd: root,
    env: {
      ...baseEnv,
      NODE_ENV: "production",
      DATABASE_URL: database.appUrl,
      JOBS_DATABASE_URL: database.adminUrl,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      // Links in notification mail point at the main server.
      AUTH_URL: baseUrl,
      WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
      WEBHOOK_SECRET_KEY: webhookSecretKey,
      SMTP_URL: "",
      LOG_LEVEL: "warn",
      // The knowledge-base job reads uploaded documents from the web servers' storage.
      ATTACHMENTS_DIR: attachmentsDir,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  servers.push(worker);
  await Promise.all(
    [baseUrl, limitsUrl, proxiedUrl].map((url) => waitForHealthy(`${url}/api/health`, 90_000)),
  );
  exitCode = await run(
    "pnpm",
    ["exec", "playwright", "test", ...args],
    {
      ...baseEnv,
      E2E_BASE_URL: baseUrl,
      E2E_LIMITS_BASE_URL: limitsUrl,
      E2E_PROXIED_BASE_URL: proxiedUrl,
      E2E_ADMIN_EMAIL: E2E_ADMIN.email,
      E2E_ADMIN_PASSWORD: E2E_ADMIN.password,
    },
    e2eDir,
  );
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await Promise.all(
    servers
      .filter((server) => server.exitCode === null && server.signalCode === null)
      .map((running) => {
        const exited = new Promise((r) => running.once("exit", r));
        running.kill("SIGTERM");
        return Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      }),
  );
  await fakeModel.close();
  await database.drop();
  await rm(attachmentsDir, { recursive: true, force: true });
}
process.exit(exitCode);
