// bench:faults — the load of bench/load with faults injected while it runs. PostgreSQL and Redis are reached through
// TCP proxies (startDatabaseProxy) that this script cuts and restores, so the machine's shared servers are never
// touched: "down" refuses new connections and cuts the open ones, which is what the application sees when the server
// stops or restarts. Checks: while PostgreSQL is down every failure is a fast 503 (no other 5xx, nothing hangs), the
// service recovers by itself within seconds of PostgreSQL returning, every acknowledged write is present exactly once
// in its own organization; while Redis is down the API keeps serving and sign-in falls back to its strict local limit.
// See bench/README.md ("faults/").
import { randomBytes } from "node:crypto";

import type { DatabaseProxy } from "@tenantry/db/testing";
import { startDatabaseProxy, startPgBouncer } from "@tenantry/db/testing";

import type { Sample } from "../load/workload.ts";
import { request } from "../http/http-client.ts";
import { judge, onCleanup, prepare, requireBuild, runBench, serveTenants } from "../load/setup.ts";
import {
  atSecond,
  percentile,
  reconcile,
  reconciliationHolds,
  startWorkload,
  statusCounts,
} from "../load/workload.ts";

// eslint-disable-next-line no-restricted-syntax -- a bench script: its knobs are its environment
const env = process.env;
const quick = env.BENCH_QUICK === "1";
/** Seconds from the start of the load: [start, end) of each fault. */
const PLAN = quick
  ? { total: 45, pgDown: [8, 18], redisDown: [28, 38] }
  : { total: 80, pgDown: [10, 25], redisDown: [45, 60] };
/** BENCH_FAULTS_PGBOUNCER=1: the server talks to PgBouncer (transaction mode), which talks to the cut proxy. */
const THROUGH_PGBOUNCER = env.BENCH_FAULTS_PGBOUNCER === "1";
const CONNECTIONS = Number(env.BENCH_LOAD_CONNECTIONS ?? 50);
/**
 * "Fails fast": a request during the outage is answered within this, or within twice the p99 of the same load's
 * answers before any fault when the machine is slower than that (the CPU queue is in both; a hang would wait for the
 * pool's 5 s connect timeout or the 10 s transaction timeout on top of it).
 */
const FAST_MS = 3_000;
/** "Recovers within seconds": no failure later than this after PostgreSQL is back. */
const RECOVERY_LIMIT_S = 10;
const log = (msg: string) =>
  console.log(`[bench:faults ${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** Failed token sign-ins for one fresh address, until the first 429 or `max` attempts: the statuses. */
async function accountLimitProbe(origin: string, max: number): Promise<number[]> {
  const email = `probe-${randomBytes(5).toString("hex")}@example.test`;
  const statuses: number[] = [];
  for (let i = 0; i < max; i++) {
    const res = await request(origin, "/api/auth/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "wrong password for the probe" }),
    });
    statuses.push(res.status);
    if (res.status === 429) break;
  }
  return statuses;
}

const inWindow = (samples: Sample[], [from, to]: number[]) =>
  samples.filter((s) => s.at >= (from ?? 0) * 1_000 && s.at < (to ?? 0) * 1_000);

async function main(): Promise<boolean> {
  requireBuild();
  const redisUrl = env.REDIS_URL;
  if (!redisUrl)
    throw new Error("bench:faults needs REDIS_URL (it takes Redis away during the run)");
  const prepared = await prepare({
    organizations: 8,
    tasksPerOrganization: 500,
    redisUrl,
    log,
  });
  const pgProxy: DatabaseProxy = await startDatabaseProxy(prepared.database.appUrl);
  onCleanup(() => pgProxy.close());
  // The same TCP proxy works for Redis: it only forwards bytes.
  const redisProxy: DatabaseProxy = await startDatabaseProxy(redisUrl);
  onCleanup(() => redisProxy.close());
  let databaseUrl = pgProxy.url;
  if (THROUGH_PGBOUNCER) {
    const bouncer = await startPgBouncer({
      serverUrl: pgProxy.url,
      users: [prepared.database.appRole],
      poolSize: 10,
      // PgBouncer's default waits 15 s before it tries a failed server login again; see bench/README.md.
      settings: { server_login_retry: env.BENCH_PGBOUNCER_LOGIN_RETRY ?? "1" },
    });
    onCleanup(() => bouncer.stop());
    databaseUrl = bouncer.url(pgProxy.url);
    log("the server reaches PostgreSQL through PgBouncer (transaction pooling)");
  }
  const { server, tenants, run } = await serveTenants(prepared, {
    databaseUrl: databaseUrl,
    redisUrl: redisProxy.url,
    baseEnv: env,
  });
  log(
    `${PLAN.total} s at ${CONNECTIONS} connections; PostgreSQL down ${PLAN.pgDown.join("–")} s, ` +
      `Redis down ${PLAN.redisDown.join("–")} s`,
  );
  // The shared limit with Redis up, measured before the load so that the outage cannot get in its way.
  const beforeProbe = await accountLimitProbe(server.origin, 8);
  const workload = startWorkload({
    origin: server.origin,
    tenants,
    run,
    connections: CONNECTIONS,
    durationS: PLAN.total,
  });
  const at = (seconds: number, fn: () => Promise<unknown>) =>
    atSecond(workload.startedAt, seconds, fn);
  const probes: { before: number[]; redisDown: number[] } = { before: beforeProbe, redisDown: [] };
  const [pgCut = 0, pgBack = 0] = PLAN.pgDown;
  const [redisCut = 0, redisBack = 0] = PLAN.redisDown;
  await Promise.all([
    at(pgCut, async () => {
      log("PostgreSQL down");
      await pgProxy.setMode("down");
    }),
    at(pgBack, async () => {
      log("PostgreSQL back");
      await pgProxy.setMode("forward");
    }),
    at(redisCut, async () => {
      log("Redis down");
      await redisProxy.setMode("down");
    }),
    at(redisCut + 2, async () => {
      probes.redisDown = await accountLimitProbe(server.origin, 8);
    }),
    at(redisBack, async () => {
      log("Redis back");
      await redisProxy.setMode("forward");
    }),
  ]);
  const result = await workload.done;
  const samples = result.samples;

  const outage = inWindow(samples, PLAN.pgDown);
  const failures = samples.filter((s) => s.status >= 500 || s.status === 0);
  const lastFailureAfterBack = failures.filter((s) => s.at >= pgBack * 1_000).at(-1);
  const recoveryS = lastFailureAfterBack ? (lastFailureAfterBack.at - pgBack * 1_000) / 1_000 : 0;
  const firstOkAfterBack = samples.find((s) => s.at >= pgBack * 1_000 && s.status === 200);
  const firstOkS = firstOkAfterBack ? (firstOkAfterBack.at - pgBack * 1_000) / 1_000 : Infinity;
  const outageFailures = outage.filter((s) => s.status !== 200);
  const recoveredBy = pgBack + recoveryS;
  const unexpected = failures.filter(
    (s) => s.status !== 503 || s.at < pgCut * 1_000 || s.at > recoveredBy * 1_000,
  );
  const redisWindow = inWindow(samples, PLAN.redisDown);
  const reconciliation = await reconcile(prepared.database.adminUrl, {
    run,
    tenants,
    acks: result.acks,
  });
  const beforeP99 = percentile(
    inWindow(samples, [0, pgCut]).map((s) => s.latencyMs),
    99,
  );
  const fastLimitMs = Math.max(FAST_MS, 2 * beforeP99);
  const failedBeforeLimit = (statuses: number[]) => statuses.filter((s) => s === 401).length;

  console.log(
    JSON.stringify(
      {
        plan: PLAN,
        throughPgBouncer: THROUGH_PGBOUNCER,
        connections: CONNECTIONS,
        requests: result.requests,
        statuses: statusCounts(samples),
        // For scale: how long answers took under the same load before any fault (the CPU queue is in both).
        beforeFaultLatencyMs: {
          p50: percentile(
            inWindow(samples, [0, pgCut]).map((s) => s.latencyMs),
            50,
          ),
          p99: percentile(
            inWindow(samples, [0, pgCut]).map((s) => s.latencyMs),
            99,
          ),
        },
        postgresDown: {
          statuses: statusCounts(outage),
          failureLatencyMs: {
            p50: percentile(
              outageFailures.map((s) => s.latencyMs),
              50,
            ),
            p99: percentile(
              outageFailures.map((s) => s.latencyMs),
              99,
            ),
            max: percentile(
              outageFailures.map((s) => s.latencyMs),
              100,
            ),
          },
          firstSuccessAfterReturnSeconds: firstOkS,
          lastFailureAfterReturnSeconds: recoveryS,
        },
        redisDown: {
          statuses: statusCounts(redisWindow),
          signInProbe: { redisUp: probes.before, redisDown: probes.redisDown },
        },
        unexpectedFailures: statusCounts(unexpected),
        writes: { sent: result.writesSent, acknowledged: result.acks.length },
        reconciliation,
      },
      null,
      2,
    ),
  );
  const verdicts = [
    {
      ok: outage.some((s) => s.status === 503),
      what: "PostgreSQL down: requests answered 503",
    },
    {
      ok: outage.every((s) => s.status === 200 || s.status === 503),
      what: "PostgreSQL down: nothing but 200 (finished before the cut) and 503, no hang or connection error",
    },
    {
      ok:
        percentile(
          outageFailures.map((s) => s.latencyMs),
          100,
        ) < fastLimitMs,
      what: `PostgreSQL down: every 503 within ${Math.round(fastLimitMs)} ms`,
    },
    {
      ok: Math.max(recoveryS, firstOkS) <= RECOVERY_LIMIT_S,
      what: `recovered after PostgreSQL returned: first 200 after ${firstOkS.toFixed(2)} s, last failure after ${recoveryS.toFixed(2)} s (limit ${RECOVERY_LIMIT_S} s)`,
    },
    {
      ok: unexpected.length === 0,
      what: "no failure outside the outage and its recovery, and none but 503",
    },
    {
      ok:
        redisWindow.filter((s) => s.status === 200).length > 0 &&
        redisWindow.every((s) => s.status === 200),
      what: "Redis down: the API kept serving (every answer 200)",
    },
    {
      ok: failedBeforeLimit(probes.before) === 5 && probes.before.at(-1) === 429,
      what: `Redis up: an address gets 5 failed sign-ins, then 429 (${probes.before.join(",")})`,
    },
    {
      ok: failedBeforeLimit(probes.redisDown) === 3 && probes.redisDown.at(-1) === 429,
      what: `Redis down: the strict local limit, 3 failed sign-ins, then 429 (${probes.redisDown.join(",")})`,
    },
    {
      ok: reconciliationHolds(reconciliation) && result.acks.length > 0,
      what: "every acknowledged write present exactly once, in its own organization",
    },
  ];
  return judge(verdicts, log, server.output());
}

await runBench(main);
