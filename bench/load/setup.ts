// What bench/load and bench/faults share: a throwaway database seeded with several organizations (http/seed.ts),
// the production build started as `pnpm start` does (apps/web/server.ts, NODE_ENV=production, the unprivileged app
// role, configured like e2e/scripts/run.ts), one bearer token per organization, and cleanup whatever happens.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";

import type { TestDatabase } from "@tenantry/db/testing";
import { hashPassword } from "@tenantry/auth/password";
import { provisionTestDatabase } from "@tenantry/db/testing";

import type { Tenant } from "./workload.ts";
import { closeClient, tokenLogin } from "../http/http-client.ts";
import { seedDatabase } from "../http/seed.ts";
import { freePort, ROOT } from "../http/servers.ts";

const WEB_DIR = path.join(ROOT, "apps/web");

export interface WebServer {
  origin: string;
  pid: number;
  /** The tail of what the server printed. */
  output(): string;
  stop(): Promise<void>;
}

const cleanups: (() => Promise<unknown>)[] = [];
const children = new Set<number>();

export function onCleanup(fn: () => Promise<unknown>): void {
  cleanups.push(fn);
}

export async function cleanUp(): Promise<void> {
  killServers();
  closeClient();
  for (const fn of cleanups.splice(0).reverse()) {
    await fn().catch((error: unknown) => console.error("cleanup failed:", error));
  }
}

/** One pass/fail line of a bench run. */
export interface Verdict {
  ok: boolean;
  what: string;
}

/** Prints every verdict (and, when one fails, the server's output); true when all hold. */
export function judge(
  verdicts: Verdict[],
  log: (msg: string) => void,
  serverOutput: string,
): boolean {
  for (const v of verdicts) log(`${v.ok ? "PASS" : "FAIL"} ${v.what}`);
  const passed = verdicts.every((v) => v.ok);
  if (!passed) log(`server output (tail):\n${serverOutput}`);
  return passed;
}

/** Runs a bench script's main, always cleans up, and exits 0 only when it passed. */
export async function runBench(main: () => Promise<boolean>): Promise<never> {
  let passed = false;
  try {
    passed = await main();
  } catch (error) {
    console.error(error);
  } finally {
    await cleanUp();
  }
  process.exit(passed ? 0 : 1);
}

function killServers(): void {
  for (const pid of children) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  children.clear();
}

process.on("exit", killServers);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

export function requireBuild(): void {
  if (!existsSync(path.join(WEB_DIR, ".next", "BUILD_ID"))) {
    throw new Error("no production build: run `pnpm -F @tenantry/web build` first");
  }
}

/** apps/web/server.ts in production mode, in its own process group so stopping it leaves nothing behind. */
export async function startWebServer(opts: {
  databaseUrl: string;
  redisUrl: string | undefined;
  rateLimitPrefix: string;
  baseEnv: NodeJS.ProcessEnv;
  extraEnv?: Record<string, string>;
}): Promise<WebServer> {
  const port = await freePort();
  const attachmentsDir = await mkdtemp(path.join(os.tmpdir(), "tenantry-load-attachments-"));
  const env: NodeJS.ProcessEnv = {
    ...opts.baseEnv,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: opts.databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    AUTH_URL: `http://localhost:${port}`,
    SMTP_URL: "",
    DEV_OUTBOX_ENABLED: "1",
    AUTH_RATE_LIMIT_PREFIX: opts.rateLimitPrefix,
    ATTACHMENTS_DIR: attachmentsDir,
    TRUST_PROXY: "",
    ...opts.extraEnv,
  };
  if (opts.redisUrl) env.REDIS_URL = opts.redisUrl;
  else delete env.REDIS_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: WEB_DIR,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error("the web server did not start");
  const pid = child.pid;
  children.add(pid);
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString("utf8")).slice(-8_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-pid, "SIGTERM");
      const timer = setTimeout(() => process.kill(-pid, "SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    }
    children.delete(pid);
    await rm(attachmentsDir, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web server exited:\n${tail}`);
    const ok = await fetch(`${origin}/api/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the web server did not become healthy:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { origin, pid, output: () => tail, stop };
}

export interface Prepared {
  database: TestDatabase;
  tenants: Tenant[];
  password: string;
  /** Namespace of this run's Redis keys (the product's limiter and quota). */
  redisPrefix: string;
}

/** Provisions and seeds; registers the database and the run's Redis keys for cleanup. */
export async function prepare(opts: {
  organizations: number;
  tasksPerOrganization: number;
  redisUrl: string | undefined;
  log: (msg: string) => void;
}): Promise<
  Omit<Prepared, "tenants"> & { orgs: Awaited<ReturnType<typeof seedDatabase>>["measured"] }
> {
  const database = await provisionTestDatabase({ label: "bench_load" });
  onCleanup(() => database.drop());
  if (database.backend !== "server") throw new Error("the load benches need a PostgreSQL server");
  const redisPrefix = `bench-load-${randomBytes(5).toString("hex")}`;
  const redisUrl = opts.redisUrl;
  if (redisUrl) {
    onCleanup(async () => {
      const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await redis.connect();
      try {
        let cursor = "0";
        do {
          const [next, keys] = await redis.scan(cursor, "MATCH", `${redisPrefix}*`, "COUNT", 1000);
          cursor = next;
          if (keys.length) await redis.unlink(...keys);
        } while (cursor !== "0");
      } finally {
        redis.disconnect();
      }
    });
  }
  const password = `load-${randomBytes(9).toString("hex")}`;
  const { measured: orgs } = await seedDatabase(database.adminUrl, {
    orgs: opts.organizations,
    tenants: opts.organizations,
    tenantTasks: opts.tasksPerOrganization,
    tasks: opts.organizations * opts.tasksPerOrganization,
    passwordHash: await hashPassword(password),
    log: opts.log,
  });
  // http/seed.ts numbers its tasks without advancing the projects' sequences (its bench only reads); task.create
  // takes the next number from the sequence, so it must start past the seeded tasks.
  await database.exec(
    `UPDATE projects p SET task_sequence = s.top
     FROM (SELECT organization_id, project_id, max(number) AS top FROM tasks GROUP BY 1, 2) s
     WHERE p.organization_id = s.organization_id AND p.id = s.project_id`,
  );
  return { database, orgs, password, redisPrefix };
}

/** One bearer token per organization, for its OWNER (who may create tasks in every project). */
/**
 * The product server for a prepared run (its Redis prefix, stopped at cleanup), its organizations' API clients
 * signed in, and a fresh run id to tag the writes with: the start every load and fault bench shares.
 */
export async function serveTenants(
  prepared: Awaited<ReturnType<typeof prepare>>,
  opts: { databaseUrl: string; redisUrl: string | undefined; baseEnv: NodeJS.ProcessEnv },
): Promise<{ server: WebServer; tenants: Tenant[]; run: string }> {
  const server = await startWebServer({ ...opts, rateLimitPrefix: prepared.redisPrefix });
  onCleanup(() => server.stop());
  const tenants = await signInTenants(server.origin, prepared.orgs, prepared.password);
  return { server, tenants, run: randomBytes(4).toString("hex") };
}

export async function signInTenants(
  origin: string,
  orgs: Awaited<ReturnType<typeof seedDatabase>>["measured"],
  password: string,
): Promise<Tenant[]> {
  const tenants: Tenant[] = [];
  for (const [index, org] of orgs.entries()) {
    const owner = org.users[0];
    if (!owner) throw new Error("a seeded organization has no owner");
    tenants.push({ index, org, token: await tokenLogin(origin, owner.email, password) });
  }
  return tenants;
}
