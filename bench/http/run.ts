// The HTTP benchmark (issue 12): the product's production build against a floor server answering the same bytes,
// measured over HTTP in one run. See bench/README.md ("bench:http") for what it measures and its knobs.
//
// 1. Provisions a database like the tests and seeds it (seed.ts).
// 2. Counting phase (counting.ts): product and floor behind counting proxies (wire-proxy.ts) — statements and round
//    trips per request at the PostgreSQL and Redis wire, and the statements of one request, for each variant
//    (variants.ts) and the board page.
// 3. Measuring phase: both servers connected directly. Asserts byte equality of every variant's responses, then
//    drives them with autocannon in alternating rounds (rps, latency, CPU per request from /proc; api-load.ts), under
//    an offered load of half the measured maximum (offered-load.ts), and times the server-rendered board page for 1
//    and 10 signed-in users (board-page.ts).
// 4. Writes the JSON to bench/results/ and prints the tables (BENCH_WRITE_README=1 also puts them in the README).
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import pg from "pg";

import { hashPassword } from "@tenantry/auth/password";
import { provisionTestDatabase } from "@tenantry/db/testing";

import type { MeasuringServers } from "./api-load.ts";
import type { OrgSizeResult } from "./org-size.ts";
import type { Results } from "./report.ts";
import type { Seeded } from "./seed.ts";
import type { RunningServer } from "./servers.ts";
import { apiMeasurer, assertIdenticalBytes, measureApiLoads } from "./api-load.ts";
import { measureBoardPage } from "./board-page.ts";
import { CONFIG, env, FLOOR_APP_NAME, log, PASSWORD, PRODUCT_APP_NAME } from "./config.ts";
import { countWire } from "./counting.ts";
import { closeClient, tokenLogin } from "./http-client.ts";
import { measureOfferedLoad } from "./offered-load.ts";
import { measureOrgSizes } from "./org-size.ts";
import { treePids } from "./proc.ts";
import { aggregate, markdown, README_END, README_START } from "./report.ts";
import { seedDatabase } from "./seed.ts";
import { killAllServers, ROOT, startFloor, startProduct } from "./servers.ts";
import { VARIANTS } from "./variants.ts";

// ---- cleanup: servers, database and Redis keys go whatever happens ---------------------------------------------

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp() {
  killAllServers();
  closeClient();
  for (const fn of cleanups.splice(0).reverse()) {
    await fn().catch((error: unknown) => console.error("cleanup failed:", error));
  }
}
process.on("exit", killAllServers);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ---- helpers ----------------------------------------------------------------------------------------------------

async function build() {
  if (CONFIG.skipBuild) {
    if (!existsSync(path.join(ROOT, "apps/web/.next/BUILD_ID"))) {
      throw new Error("BENCH_SKIP_BUILD=1 but apps/web has no production build");
    }
    log("reusing the existing production build of apps/web (BENCH_SKIP_BUILD=1)");
    return;
  }
  log("building apps/web (turbo; a cache hit when nothing changed)");
  const code = await new Promise<number>((resolve) => {
    const child = spawn(
      "pnpm",
      ["exec", "turbo", "run", "build", "--filter=@tenantry/web", "--output-logs=errors-only"],
      {
        cwd: ROOT,
        env,
        stdio: "inherit",
      },
    );
    child.once("exit", (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error("building apps/web failed");
}

/** Organizations of different sizes on the product (org-size.ts), unless BENCH_ONLY leaves `org-size` out. */
async function measureOrgSize(
  product: RunningServer,
  sized: Seeded["sized"],
): Promise<OrgSizeResult[]> {
  if (sized.length <= 1 || (CONFIG.only && !CONFIG.only.includes("org-size"))) return [];
  log(`organization size: ${sized.map((s) => s.tasks).join(" vs ")} tasks`);
  const sizedOrgs = await Promise.all(
    sized.map(async (s) => {
      const user = s.org.users[1];
      if (!user) throw new Error("no API user");
      return { ...s, token: await tokenLogin(product.origin, user.email, PASSWORD) };
    }),
  );
  return measureOrgSizes({
    origin: product.origin,
    orgs: sizedOrgs,
    requests: CONFIG.sizeRequests,
    log,
  });
}

// ---- the run ----------------------------------------------------------------------------------------------------

async function main() {
  if (!env.TEST_DATABASE_ADMIN_URL && !env.DATABASE_URL) {
    throw new Error(
      "bench:http needs a PostgreSQL server (TEST_DATABASE_ADMIN_URL): it reads the backends' CPU from /proc",
    );
  }
  const started = Date.now();
  const loadBefore = os.loadavg();
  log(
    `${CONFIG.quick ? "quick" : "full"} run: ${CONFIG.tasks} tasks over ${CONFIG.orgs} organizations`,
  );
  await build();

  const database = await provisionTestDatabase({ label: "bench_http" });
  cleanups.push(() => database.drop());
  if (database.backend !== "server") throw new Error("bench:http needs a PostgreSQL server");
  const admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 });
  cleanups.push(() => admin.end());
  const attachmentsDir = await mkdtemp(path.join(os.tmpdir(), "tenantry-bench-attachments-"));
  cleanups.push(() => rm(attachmentsDir, { recursive: true, force: true }));
  const redisPrefix = `bench-http-${randomBytes(5).toString("hex")}`;
  const redisUrl = env.REDIS_URL;
  if (redisUrl) {
    cleanups.push(async () => {
      // The product's rate-limit and quota keys of this run (month counters would outlive it by weeks).
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
  } else {
    log(
      "REDIS_URL is not set: the product counts its API quota in memory, and no Redis round trips are counted",
    );
  }

  const seedStarted = Date.now();
  log(`seeding ${database.databaseName}`);
  const { measured: orgs, sized } = await seedDatabase(database.adminUrl, {
    orgs: CONFIG.orgs,
    tasks: CONFIG.tasks,
    tenants: CONFIG.tenants,
    tenantTasks: CONFIG.tenantTasks,
    sizes: CONFIG.orgSizes,
    passwordHash: await hashPassword(PASSWORD),
    log,
  });
  const seedSeconds = (Date.now() - seedStarted) / 1_000;
  const facts = (
    await admin.query<{ tasks: number; version: string }>(
      "SELECT (SELECT count(*)::int FROM tasks) AS tasks, version() AS version",
    )
  ).rows[0];
  log(`seeded ${facts?.tasks} tasks in ${seedSeconds.toFixed(0)} s`);
  const [measured] = orgs;
  if (!measured) throw new Error("no measured organization");

  const authSecret = randomBytes(32).toString("hex");

  const backendsOf = (applicationName: string) => async () =>
    (
      await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
        [applicationName],
      )
    ).rows.map((r) => r.pid);

  const wire = await countWire({
    appUrl: new URL(database.appUrl),
    redisUrl,
    authSecret,
    redisPrefix,
    attachmentsDir,
    measured,
    defer: (fn) => cleanups.push(fn),
  });

  // ---- measuring phase ------------------------------------------------------------------------------------------
  log("measuring phase: product and floor connected directly");
  const product = await startProduct({
    databaseUrl: database.appUrl,
    redisUrl,
    authSecret,
    rateLimitPrefix: `${redisPrefix}-load`,
    attachmentsDir,
    baseEnv: env,
  });
  cleanups.push(() => product.stop());
  const floor = await startFloor({
    databaseUrl: database.appUrl,
    authSecret,
    appRole: CONFIG.appRole,
    poolMax: CONFIG.poolMax,
    baseEnv: env,
  });
  cleanups.push(() => floor.stop());
  const servers: MeasuringServers = {
    product,
    floor,
    probes: {
      product: { serverPid: product.pid, backends: backendsOf(PRODUCT_APP_NAME) },
      floor: { serverPid: floor.pid, backends: backendsOf(FLOOR_APP_NAME) },
    },
  };
  const measurer = apiMeasurer(orgs, servers);
  await assertIdenticalBytes(servers, measurer, orgs.length);
  const loads = await measureApiLoads(measurer.measure);
  const aggregates = aggregate(loads);
  const orgSize = await measureOrgSize(product, sized);
  const offered = await measureOfferedLoad(measurer.measure, aggregates);
  const page = await measureBoardPage(product, servers.probes.product, measured);
  const processes = await treePids(product.pid);
  await product.stop();
  await floor.stop();

  const results: Results = {
    date: new Date().toISOString(),
    config: { ...CONFIG, seededTasks: facts?.tasks ?? 0, seedSeconds },
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      postgres: facts?.version ?? "",
      kernel: os.release(),
      loadBefore,
      loadAfter: os.loadavg(),
      productProcesses: processes.length,
    },
    aggregates,
    orgSize,
    offered,
    page,
    wire,
    loads,
    runSeconds: (Date.now() - started) / 1_000,
  };
  const outDir = path.join(ROOT, "bench/results");
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, `http-${results.date.replace(/[:.]/g, "-")}.json`);
  await writeFile(file, JSON.stringify(results, null, 2));
  const tables = markdown(results, VARIANTS);
  console.log(`\n${tables}\n`);
  log(
    `results written to ${path.relative(process.cwd(), file)} (${results.runSeconds.toFixed(0)} s in all)`,
  );
  if (CONFIG.writeReadme && !CONFIG.only) await writeReadme(tables);
}

async function writeReadme(tables: string) {
  const readme = path.join(ROOT, "bench/README.md");
  const text = await readFile(readme, "utf8");
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start < 0 || end < start)
    throw new Error(`bench/README.md lacks the ${README_START} markers`);
  await writeFile(
    readme,
    `${text.slice(0, start + README_START.length)}\n\n${tables}\n\n${text.slice(end)}`,
  );
  await promisify(execFile)("pnpm", ["exec", "prettier", "--write", readme], { cwd: ROOT });
  log("bench/README.md updated");
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
