// The HTTP benchmark (issue 12): the product's production build against a floor server answering the same bytes,
// measured over HTTP in one run. See bench/README.md ("bench:http") for what it measures and its knobs.
//
// 1. Provisions a database like the tests and seeds it (seed.ts).
// 2. Counting phase: product and floor behind counting proxies (wire-proxy.ts) — statements and round trips per
//    request at the PostgreSQL and Redis wire, and the statements of one request, for each variant and the board page.
// 3. Measuring phase: both servers connected directly. Asserts byte equality of every variant's responses, then
//    drives them with autocannon in alternating rounds (rps, latency, CPU per request from /proc), under an offered
//    load of half the measured maximum, and times the server-rendered board page for 1 and 10 signed-in users.
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

import type { RawResponse } from "./http-client.ts";
import type { CpuProbe, LoadRequest, LoadResult } from "./load.ts";
import type { OrgSizeResult } from "./org-size.ts";
import type { Results, Target, VariantId, WireResult } from "./report.ts";
import type { SeededOrg } from "./seed.ts";
import type { RunningServer } from "./servers.ts";
import type { TracedStatement, WireCounts } from "./wire-proxy.ts";
import { browserSignIn, closeClient, fetchPage, request, tokenLogin } from "./http-client.ts";
import { runLoad } from "./load.ts";
import { measureOrgSizes } from "./org-size.ts";
import { pidsCpuSeconds, treeCpuSeconds, treePids } from "./proc.ts";
import { aggregate, markdown, median, README_END, README_START } from "./report.ts";
import { seedDatabase } from "./seed.ts";
import { killAllServers, ROOT, startFloor, startProduct } from "./servers.ts";
import { countsSince, PgCountingProxy, RedisCountingProxy } from "./wire-proxy.ts";

// eslint-disable-next-line no-restricted-syntax -- benchmark knobs, read once here
const env = process.env;
const QUICK = env.BENCH_QUICK === "1";
const knob = (name: string, full: number, quick: number): number => {
  const raw = env[name];
  const value = raw === undefined || raw === "" ? (QUICK ? quick : full) : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number, got ${raw}`);
  return value;
};
const CONFIG = {
  quick: QUICK,
  orgs: knob("BENCH_ORGS", 20, 20),
  tasks: knob("BENCH_TASKS", 1_000_000, 50_000),
  tenants: knob("BENCH_TENANTS", 8, 4),
  tenantTasks: knob("BENCH_TENANT_TASKS", 10_000, 10_000),
  durationS: knob("BENCH_DURATION_S", 5, 2),
  warmupS: knob("BENCH_WARMUP_S", 2, 1),
  rounds: knob("BENCH_ROUNDS", 3, 1),
  connections: (env.BENCH_CONNECTIONS ?? "10,50").split(",").map(Number),
  offeredS: knob("BENCH_OFFERED_S", 10, 3),
  pages: knob("BENCH_PAGES", 20, 6),
  countRequests: knob("BENCH_COUNT_REQUESTS", 10, 5),
  /** Organizations of these task counts for the size comparison (org-size.ts); empty: none. */
  orgSizes: (env.BENCH_ORG_SIZES ?? "1000,100000").split(",").filter(Boolean).map(Number),
  sizeRequests: knob("BENCH_SIZE_REQUESTS", 40, 20),
  skipBuild: env.BENCH_SKIP_BUILD === "1",
  /** Measure only these requests (comma-separated ids, e.g. `task.list`, `org-size`): no board page, offered load or README. */
  only: env.BENCH_ONLY ? env.BENCH_ONLY.split(",") : null,
  writeReadme: env.BENCH_WRITE_README === "1",
  /** The product's DATABASE_POOL_MAX default; the floor gets the same. */
  poolMax: 10,
  appRole: "tenantry_app",
  page: 50,
};
const PASSWORD = `bench-${randomBytes(9).toString("hex")}`;
const PRODUCT_APP_NAME = "tenantry";
const FLOOR_APP_NAME = "tenantry-floor";

const log = (msg: string) =>
  console.log(`[bench:http ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const trpcPath = (procedure: string, input: unknown) =>
  `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

interface VariantDef {
  id: VariantId;
  label: string;
  /** The request for one measured organization (its API client's token in `token`). */
  request(org: SeededOrg, token: string): LoadRequest;
  targets: Target[];
}

const authHeaders = (org: SeededOrg, token: string) => ({
  authorization: `Bearer ${token}`,
  "x-tenantry-org": org.id,
});

const ALL_VARIANTS: VariantDef[] = [
  {
    id: "task.list",
    label: "`task.list`, first 50 tasks of a project",
    request: (org, token) => ({
      path: trpcPath("task.list", { projectId: org.boardProjectId, limit: CONFIG.page }),
      headers: authHeaders(org, token),
    }),
    targets: ["product", "floor", "floor-one-statement"],
  },
  {
    id: "project.list",
    label: "`project.list`, first page (50)",
    request: (org, token) => ({
      path: trpcPath("project.list", { limit: CONFIG.page }),
      headers: authHeaders(org, token),
    }),
    targets: ["product", "floor"],
  },
  {
    id: "health",
    label: "`/api/health`",
    request: () => ({ path: "/api/health" }),
    targets: ["product", "floor"],
  },
];

const VARIANTS = ALL_VARIANTS.filter((v) => !CONFIG.only || CONFIG.only.includes(v.id));
if (VARIANTS.length === 0 && !CONFIG.only?.includes("org-size"))
  throw new Error(`BENCH_ONLY names no request: ${env.BENCH_ONLY}`);

const withTarget = (r: LoadRequest, target: Target): LoadRequest =>
  target === "floor-one-statement"
    ? { ...r, headers: { ...r.headers, "x-bench-floor": "one-statement" } }
    : r;

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

function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (buf: Buffer) => buf.toString("utf8", Math.max(0, i - 120), i + 120);
  return `at byte ${i} (lengths ${a.length} / ${b.length})\n  product: ${around(a)}\n  floor:   ${around(b)}`;
}

function get(server: RunningServer, r: LoadRequest): Promise<RawResponse> {
  return request(server.origin, r.path, r.headers ? { headers: r.headers } : {});
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

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
  const appUrl = new URL(database.appUrl);
  const withPort = (url: URL, port: number) => {
    const copy = new URL(url);
    copy.hostname = "127.0.0.1";
    copy.port = String(port);
    return copy.toString();
  };
  const backendsOf = (applicationName: string) => async () =>
    (
      await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
        [applicationName],
      )
    ).rows.map((r) => r.pid);

  // ---- counting phase -------------------------------------------------------------------------------------------
  log("counting phase: product and floor behind the wire proxies");
  const pgProxy = new PgCountingProxy({ host: appUrl.hostname, port: Number(appUrl.port || 5432) });
  await pgProxy.listen();
  cleanups.push(() => pgProxy.close());
  let redisProxy: RedisCountingProxy | null = null;
  if (redisUrl) {
    const target = new URL(redisUrl);
    redisProxy = new RedisCountingProxy({
      host: target.hostname,
      port: Number(target.port || 6379),
    });
    await redisProxy.listen();
    const proxy = redisProxy;
    cleanups.push(() => proxy.close());
  }
  const proxiedRedisUrl = (() => {
    if (!redisUrl || !redisProxy) return undefined;
    const u = new URL(redisUrl);
    u.hostname = "127.0.0.1";
    u.port = String(redisProxy.port);
    return u.toString();
  })();

  const wire: WireResult[] = [];
  {
    const product = await startProduct({
      databaseUrl: withPort(appUrl, pgProxy.port),
      redisUrl: proxiedRedisUrl,
      authSecret,
      rateLimitPrefix: `${redisPrefix}-count`,
      attachmentsDir,
      baseEnv: env,
    });
    cleanups.push(() => product.stop());
    const floor = await startFloor({
      databaseUrl: withPort(appUrl, pgProxy.port),
      authSecret,
      appRole: CONFIG.appRole,
      poolMax: CONFIG.poolMax,
      baseEnv: env,
    });
    cleanups.push(() => floor.stop());
    const apiUser = measured.users[1];
    if (!apiUser) throw new Error("no API user");
    const token = await tokenLogin(product.origin, apiUser.email, PASSWORD);

    const count = async (
      send: () => Promise<void>,
      n: number,
    ): Promise<{
      pg: WireCounts;
      redis: WireCounts | null;
      trace: TracedStatement[];
      redisTrace: string[];
    }> => {
      for (let i = 0; i < 3; i++) await send(); // pools, caches and the session's one-time writes settle first
      const pgBefore = pgProxy.snapshot();
      const redisBefore = redisProxy?.snapshot() ?? null;
      for (let i = 0; i < n; i++) await send();
      const pgCounts = countsSince(pgBefore, pgProxy.snapshot());
      const redisCounts =
        redisProxy && redisBefore ? countsSince(redisBefore, redisProxy.snapshot()) : null;
      pgProxy.startTrace();
      redisProxy?.startTrace();
      await send();
      const trace = pgProxy.stopTrace();
      const redisTrace = (redisProxy?.stopTrace() ?? []).map((s) => s.text);
      const per = (c: WireCounts): WireCounts => ({
        statements: c.statements / n,
        roundTrips: c.roundTrips / n,
        connections: c.connections,
        bytesToServer: c.bytesToServer / n,
        bytesToClient: c.bytesToClient / n,
      });
      return { pg: per(pgCounts), redis: redisCounts ? per(redisCounts) : null, trace, redisTrace };
    };

    for (const variant of VARIANTS) {
      for (const target of variant.targets) {
        const server = target === "product" ? product : floor;
        const r = withTarget(variant.request(measured, token), target);
        const counted = await count(async () => {
          const res = await get(server, r);
          if (res.status !== 200) throw new Error(`${target} ${variant.id}: HTTP ${res.status}`);
        }, CONFIG.countRequests);
        wire.push({
          variant: variant.id,
          target,
          ...counted,
        });
        log(
          `  ${variant.id} ${target}: ${counted.pg.statements.toFixed(1)} statements, ` +
            `${counted.pg.roundTrips.toFixed(1)} round trips, Redis ${counted.redis?.statements.toFixed(1) ?? "-"} commands / ` +
            `${counted.redis?.roundTrips.toFixed(1) ?? "-"} round trips`,
        );
      }
    }
    if (!CONFIG.only) {
      const pageUser = measured.users[2];
      if (!pageUser) throw new Error("no page user");
      const cookie = await browserSignIn(product.origin, pageUser.email, PASSWORD);
      const pagePath = `/o/${measured.slug}/projects/${measured.boardProjectId}`;
      const counted = await count(
        async () => {
          const page = await fetchPage(product.origin, pagePath, cookie);
          if (page.status !== 200) throw new Error(`board page: HTTP ${page.status}`);
        },
        Math.max(2, Math.ceil(CONFIG.countRequests / 3)),
      );
      wire.push({
        variant: "page",
        target: "product",
        ...counted,
      });
      log(
        `  board page: ${counted.pg.statements.toFixed(1)} statements, ${counted.pg.roundTrips.toFixed(1)} round trips`,
      );
    }
    await product.stop();
    await floor.stop();
  }

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
  const probes: Record<"product" | "floor", CpuProbe> = {
    product: { serverPid: product.pid, backends: backendsOf(PRODUCT_APP_NAME) },
    floor: { serverPid: floor.pid, backends: backendsOf(FLOOR_APP_NAME) },
  };
  const serverOf = (target: Target) => (target === "product" ? product : floor);
  const probeOf = (target: Target) => (target === "product" ? probes.product : probes.floor);

  // Access tokens live 15 minutes: sign the API clients in again when a block would outlast them.
  let tokens: string[] = [];
  let tokensAt = 0;
  const freshTokens = async () => {
    if (Date.now() - tokensAt < 10 * 60_000) return tokens;
    tokens = await Promise.all(
      orgs.map((org) => {
        const user = org.users[1];
        if (!user) throw new Error("no API user");
        return tokenLogin(product.origin, user.email, PASSWORD);
      }),
    );
    tokensAt = Date.now();
    return tokens;
  };
  const requestsOf = async (variant: VariantDef, target: Target) => {
    const current = await freshTokens();
    return orgs.map((org, i) => withTarget(variant.request(org, current[i] ?? ""), target));
  };

  log("asserting byte equality of the responses");
  for (const variant of VARIANTS) {
    for (const target of variant.targets.filter((t) => t !== "product")) {
      const expected = await requestsOf(variant, "product");
      const actual = await requestsOf(variant, target);
      for (const [i, r] of expected.entries()) {
        const other = actual[i];
        if (!other) throw new Error("request lists differ");
        const a = await get(product, r);
        const b = await get(floor, other);
        if (a.status !== 200 || b.status !== 200) {
          throw new Error(`${variant.id}: HTTP ${a.status} (product) / ${b.status} (${target})`);
        }
        if (!a.body.equals(b.body)) {
          throw new Error(
            `${variant.id}: ${target} differs from the product ${firstDifference(a.body, b.body)}`,
          );
        }
      }
    }
    log(
      `  ${variant.id}: ${variant.targets.join(", ")} answer identical bytes (${orgs.length} organizations)`,
    );
  }

  const loads: { variant: VariantId; target: Target; round: number; result: LoadResult }[] = [];
  // Each run sends a fixed amount of requests, sized from the rate last seen so that it lasts about the set time.
  const rates = new Map<string, number>();
  const measure = async (
    variant: VariantDef,
    target: Target,
    connections: number,
    overallRate?: number,
  ) => {
    const requests = await requestsOf(variant, target);
    const spec = {
      origin: serverOf(target).origin,
      requests,
      connections,
      ...(overallRate ? { overallRate } : {}),
    };
    const key = `${variant.id}|${target}|${connections}`;
    // The first time, the same server's rate at another connection count is a good guess.
    const known =
      overallRate ??
      rates.get(key) ??
      [...rates].find(([k]) => k.startsWith(`${variant.id}|${target}|`))?.[1];
    // Warm up for at least BENCH_WARMUP_S (JIT, pools, caches), in steps sized from the rate seen so far.
    const warmups: LoadResult[] = [];
    let warmedS = 0;
    let rate = known;
    while (warmedS < CONFIG.warmupS) {
      const amount = rate ? Math.round(rate * (CONFIG.warmupS - warmedS)) : connections * 2;
      const warm = await runLoad(
        { ...spec, amount: Math.max(connections, amount) },
        probeOf(target),
      );
      warmups.push(warm);
      warmedS += warm.durationS;
      rate = overallRate ?? warm.rps;
    }
    const seconds = overallRate ? CONFIG.offeredS : CONFIG.durationS;
    const result = await runLoad(
      { ...spec, amount: Math.max(connections * 5, Math.round((rate ?? 1) * seconds)) },
      probeOf(target),
    );
    if (!overallRate) rates.set(key, result.rps);
    for (const r of [...warmups, result]) {
      if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
        throw new Error(
          `${variant.id} ${target} @${connections}: ${r.non2xx} non-2xx, ${r.errors} errors, ` +
            `${r.timeouts} timeouts — a 429 means the plan's API rate ran out: raise BENCH_TENANTS`,
        );
      }
    }
    return result;
  };

  for (const variant of VARIANTS) {
    for (const connections of CONFIG.connections) {
      for (let round = 0; round < CONFIG.rounds; round++) {
        // Alternate the order every round so that neither side always runs first (or right after the other).
        const order = round % 2 === 0 ? variant.targets : [...variant.targets].reverse();
        for (const target of order) {
          const result = await measure(variant, target, connections);
          loads.push({ variant: variant.id, target, round, result });
          log(
            `  ${variant.id} ${target} @${connections} round ${round + 1}: ${result.rps.toFixed(0)} rps, ` +
              `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
              `${((result.nodeCpuS / result.requests) * 1e3).toFixed(2)} ms Node + ` +
              `${((result.pgCpuS / result.requests) * 1e3).toFixed(2)} ms PostgreSQL CPU per request`,
          );
        }
      }
    }
  }
  const aggregates = aggregate(loads);

  let orgSize: OrgSizeResult[] = [];
  if (sized.length > 1 && (!CONFIG.only || CONFIG.only.includes("org-size"))) {
    log(`organization size: ${sized.map((s) => s.tasks).join(" vs ")} tasks`);
    const sizedOrgs = await Promise.all(
      sized.map(async (s) => {
        const user = s.org.users[1];
        if (!user) throw new Error("no API user");
        return { ...s, token: await tokenLogin(product.origin, user.email, PASSWORD) };
      }),
    );
    orgSize = await measureOrgSizes({
      origin: product.origin,
      orgs: sizedOrgs,
      requests: CONFIG.sizeRequests,
      log,
    });
  }

  const offered: Results["offered"] = [];
  if (!CONFIG.only) log("offered load: half of the measured maximum");
  for (const variant of CONFIG.only ? [] : VARIANTS.filter((v) => v.id !== "health")) {
    for (const target of ["product", "floor"] as const) {
      const max = Math.max(
        ...aggregates
          .filter((a) => a.variant === variant.id && a.target === target)
          .map((a) => a.rps),
      );
      const rate = Math.max(1, Math.round(max / 2));
      const result = await measure(variant, target, 10, rate);
      offered.push({ variant: variant.id, target, rate, result });
      log(
        `  ${variant.id} ${target} at ${rate} rps: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
      );
    }
  }

  const page: Results["page"] = [];
  if (!CONFIG.only) log("board page: signing in 10 users");
  const pagePath = `/o/${measured.slug}/projects/${measured.boardProjectId}`;
  const pageUsers = measured.users.slice(1, 11);
  const cookies = await Promise.all(
    (CONFIG.only ? [] : pageUsers).map((u) => browserSignIn(product.origin, u.email, PASSWORD)),
  );
  // Warm-up: every user's first pages (and the render path's JIT) before anything is timed.
  for (let i = 0; i < 2; i++) {
    await Promise.all(cookies.map((c) => fetchPage(product.origin, pagePath, c)));
  }
  for (const users of CONFIG.only ? [] : [1, 10]) {
    const perUser = users === 1 ? CONFIG.pages : Math.max(3, Math.ceil(CONFIG.pages / 2));
    const active = cookies.slice(0, users);
    const backends = await probes.product.backends();
    const nodeBefore = await treeCpuSeconds(product.pid);
    const pgBefore = await pidsCpuSeconds(backends);
    const wall = performance.now();
    const timings = (
      await Promise.all(
        active.map(async (c) => {
          const mine = [];
          for (let i = 0; i < perUser; i++) {
            mine.push(await fetchPage(product.origin, pagePath, c, measured.boardNewestTodo));
          }
          return mine;
        }),
      )
    ).flat();
    const wallS = (performance.now() - wall) / 1_000;
    const nodeCpuS = (await treeCpuSeconds(product.pid)) - nodeBefore;
    const backendsAfter = [...new Set([...backends, ...(await probes.product.backends())])];
    let pgCpuS = 0;
    for (const [pid, s] of await pidsCpuSeconds(backendsAfter))
      pgCpuS += s - (pgBefore.get(pid) ?? 0);
    for (const t of timings) {
      if (t.status !== 200 || !t.html.includes(measured.boardNewestTodo)) {
        throw new Error(
          `board page: HTTP ${t.status}, or it does not show ${measured.boardNewestTodo}`,
        );
      }
    }
    const htmlBytes = timings.map((t) => Buffer.byteLength(t.html));
    // BENCH_PAGE_HTML=<file>: one page's HTML kept for reading what the bytes are.
    if (env.BENCH_PAGE_HTML && timings[0]) await writeFile(env.BENCH_PAGE_HTML, timings[0].html);
    page.push({
      users,
      pages: timings.length,
      pagesPerSecond: timings.length / wallS,
      firstByteMs: {
        p50: median(timings.map((t) => t.firstByteMs)),
        p99: percentile(
          timings.map((t) => t.firstByteMs),
          99,
        ),
      },
      boardMs: {
        p50: median(timings.map((t) => t.markerMs)),
        p99: percentile(
          timings.map((t) => t.markerMs),
          99,
        ),
      },
      lastByteMs: {
        p50: median(timings.map((t) => t.lastByteMs)),
        p99: percentile(
          timings.map((t) => t.lastByteMs),
          99,
        ),
      },
      nodeCpuMsPerPage: (nodeCpuS / timings.length) * 1e3,
      pgCpuMsPerPage: (pgCpuS / timings.length) * 1e3,
      htmlBytes: {
        p50: median(htmlBytes),
        min: Math.min(...htmlBytes),
        max: Math.max(...htmlBytes),
      },
      transferBytes: median(timings.map((t) => t.transferBytes)),
    });
    const last = page.at(-1);
    log(
      `  ${users} user(s): ${last?.pagesPerSecond.toFixed(1)} pages/s, first byte p50 ${last?.firstByteMs.p50.toFixed(0)} ms, ` +
        `last byte p50 ${last?.lastByteMs.p50.toFixed(0)} ms`,
    );
  }
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
