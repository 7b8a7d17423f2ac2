// bench:load — a mixed read/write workload of several organizations against the production build for
// BENCH_LOAD_DURATION_S (60; quick 15) at BENCH_LOAD_CONNECTIONS (50): no answer may be a 5xx, no request may time
// out, and afterwards every acknowledged write is in the database exactly once, in its own organization.
// See bench/README.md ("load/").

import { judge, prepare, requireBuild, runBench, serveTenants } from "./setup.ts";
import {
  percentile,
  reconcile,
  reconciliationHolds,
  startWorkload,
  statusCounts,
} from "./workload.ts";

// eslint-disable-next-line no-restricted-syntax -- a bench script: its knobs are its environment
const env = process.env;
const quick = env.BENCH_QUICK === "1";
const CONFIG = {
  organizations: Number(env.BENCH_LOAD_ORGS ?? 8),
  durationS: Number(env.BENCH_LOAD_DURATION_S ?? (quick ? 15 : 60)),
  connections: Number(env.BENCH_LOAD_CONNECTIONS ?? 50),
  tasksPerOrganization: 500,
};
const log = (msg: string) =>
  console.log(`[bench:load ${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function main(): Promise<boolean> {
  requireBuild();
  const prepared = await prepare({
    organizations: CONFIG.organizations,
    tasksPerOrganization: CONFIG.tasksPerOrganization,
    redisUrl: env.REDIS_URL,
    log,
  });
  const { server, tenants, run } = await serveTenants(prepared, {
    databaseUrl: prepared.database.appUrl,
    redisUrl: env.REDIS_URL,
    baseEnv: env,
  });
  log(
    `${CONFIG.durationS} s at ${CONFIG.connections} connections over ${tenants.length} organizations ` +
      `(task.list, task.create, project.list each)`,
  );
  const result = await startWorkload({
    origin: server.origin,
    tenants,
    run,
    connections: CONFIG.connections,
    durationS: CONFIG.durationS,
  }).done;
  const counts = statusCounts(result.samples);
  const serverErrors = result.samples.filter((s) => s.status >= 500).length;
  const latencies = result.samples.filter((s) => s.status > 0).map((s) => s.latencyMs);
  const reconciliation = await reconcile(prepared.database.adminUrl, {
    run,
    tenants,
    acks: result.acks,
  });
  const rps = result.requests / result.durationS;
  console.log(
    JSON.stringify(
      {
        config: CONFIG,
        requests: result.requests,
        rps: Math.round(rps),
        statuses: counts,
        timeouts: result.timeouts,
        errors: result.errors,
        latencyMs: {
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          max: percentile(latencies, 100),
        },
        writes: { sent: result.writesSent, acknowledged: result.acks.length },
        reconciliation,
      },
      null,
      2,
    ),
  );
  const verdicts = [
    { ok: serverErrors === 0, what: `no 5xx (${serverErrors})` },
    { ok: result.timeouts === 0, what: `no timeouts (${result.timeouts})` },
    { ok: result.acks.length > 0, what: `writes acknowledged (${result.acks.length})` },
    {
      ok: reconciliationHolds(reconciliation),
      what: "every acknowledged write present exactly once, in its own organization",
    },
  ];
  return judge(verdicts, log, server.output());
}

await runBench(main);
