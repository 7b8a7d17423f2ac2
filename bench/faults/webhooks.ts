// bench:faults:webhooks — the load of bench/load with every organization's webhook endpoints pointed at a receiver
// on loopback that this script stops for a while under load (it stops listening and cuts its connections, as a
// receiver that is down or restarting does). Two job runtimes (pg-boss, as two worker processes) deliver. Checks:
// deliveries failed while it was down; afterwards every acknowledged task.created arrives, signed (verified with
// the standardwebhooks reference library and the endpoint's secret), exactly once per endpoint, and at no endpoint
// of another organization. See bench/README.md ("faults/webhooks").
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import pg from "pg";
import { Webhook } from "standardwebhooks";

import type { Sample } from "../load/workload.ts";
import { judge, onCleanup, prepare, requireBuild, runBench, serveTenants } from "../load/setup.ts";
import {
  atSecond,
  reconcile,
  reconciliationHolds,
  startWorkload,
  statusCounts,
} from "../load/workload.ts";

// eslint-disable-next-line no-restricted-syntax -- a bench script: its knobs are its environment
const env = process.env;
const quick = env.BENCH_QUICK === "1";
const PLAN = quick ? { total: 20, down: [5, 13] } : { total: 40, down: [10, 25] };
const CONNECTIONS = Number(env.BENCH_LOAD_CONNECTIONS ?? 50);
/** How long the deliveries may take to catch up after the load ends. */
const DRAIN_LIMIT_S = 120;
// Before the core loads (its env is read once): loopback targets allowed (the development allowance), retries after
// 1 s instead of 1 min, and no automatic disabling during this outage (the default, 20 failures in a row, is a
// few seconds of this load; see the README).
Object.assign(env, {
  WEBHOOK_ALLOW_PRIVATE_TARGETS: "1",
  WEBHOOK_RETRY_BASE_MS: "1000",
  WEBHOOK_MAX_CONSECUTIVE_FAILURES: "1000",
  WEBHOOK_TIMEOUT_MS: "5000",
});
const { createDb, withTenantTransaction } = await import("@tenantry/db");
const { JOB_DEFINITIONS, startJobs } = await import("@tenantry/core/jobs/index");
const { createEndpoint } = await import("@tenantry/core/webhooks/endpoints");

const log = (msg: string) =>
  console.log(`[bench:faults:webhooks ${new Date().toISOString().slice(11, 19)}] ${msg}`);

interface Arrival {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
}

/** A receiver on a fixed port that can be stopped (connections cut) and started again on it. */
async function startReceiver() {
  const arrivals: Arrival[] = [];
  const sockets = new Set<Socket>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      arrivals.push({
        path: req.url ?? "",
        id: String(req.headers["webhook-id"]),
        timestamp: String(req.headers["webhook-timestamp"]),
        signature: String(req.headers["webhook-signature"]),
        body,
      });
      res.writeHead(204).end();
    });
  };
  let server = createServer(handler);
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server.on("connection", (s: Socket) => {
        sockets.add(s);
        s.on("close", () => sockets.delete(s));
      });
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });
  const port = await listen(0);
  const stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    arrivals,
    down: stop,
    up: async () => {
      server = createServer(handler);
      await listen(port);
    },
    close: stop,
  };
}

async function main(): Promise<boolean> {
  requireBuild();
  const prepared = await prepare({
    organizations: 8,
    tasksPerOrganization: 500,
    redisUrl: env.REDIS_URL,
    log,
  });
  const receiver = await startReceiver();
  onCleanup(() => receiver.close());
  const db = createDb({ connectionString: prepared.database.appUrl, poolMax: 6 });
  onCleanup(() => db.$disconnect());

  // Every organization gets an endpoint; the first two get a second one: one event, two deliveries.
  const endpoints: { org: string; path: string; secret: string }[] = [];
  for (const [index, org] of prepared.orgs.entries()) {
    const owner = org.users[0];
    if (!owner) throw new Error("a seeded organization has no owner");
    for (let n = 0; n < (index < 2 ? 2 : 1); n++) {
      const path = `/hooks/${index}/${n}`;
      const { secret } = await withTenantTransaction(
        db,
        { userId: owner.id, organizationId: org.id, role: "OWNER" },
        (tx) =>
          createEndpoint(
            tx,
            { userId: owner.id, organizationId: org.id },
            { url: receiver.url(path), description: "bench", eventTypes: ["task.created"] },
          ),
      );
      endpoints.push({ org: org.id, path, secret });
    }
  }

  const quiet = { info: () => undefined, error: () => undefined };
  const workers: Awaited<ReturnType<typeof startJobs>>[] = [];
  for (let i = 0; i < 2; i++) {
    workers.push(
      await startJobs({
        db,
        queueUrl: prepared.database.adminUrl,
        definitions: JOB_DEFINITIONS,
        log: quiet,
        schedules: false,
        relayIntervalMs: 200,
        concurrency: 4,
      }),
    );
  }
  onCleanup(async () => {
    for (const w of workers) await w.stop();
  });

  const { server, tenants, run } = await serveTenants(prepared, {
    databaseUrl: prepared.database.appUrl,
    redisUrl: env.REDIS_URL,
    baseEnv: env,
  });
  log(
    `${PLAN.total} s at ${CONNECTIONS} connections; ${endpoints.length} endpoints; receiver down ${PLAN.down.join("–")} s`,
  );
  const workload = startWorkload({
    origin: server.origin,
    tenants,
    run,
    connections: CONNECTIONS,
    durationS: PLAN.total,
  });
  const at = (seconds: number, fn: () => Promise<unknown>) =>
    atSecond(workload.startedAt, seconds, fn);
  const [downAt = 0, upAt = 0] = PLAN.down;
  let arrivedWhileDown = 0;
  await Promise.all([
    at(downAt, async () => {
      log("receiver down");
      await receiver.down();
      arrivedWhileDown = receiver.arrivals.length;
    }),
    at(upAt, async () => {
      arrivedWhileDown = receiver.arrivals.length - arrivedWhileDown;
      log("receiver back");
      await receiver.up();
    }),
  ]);
  const result = await workload.done;
  const samples: Sample[] = result.samples;

  // What must arrive: each acknowledged task at each endpoint of its organization.
  const orgOfTask = new Map(
    result.acks.map((a) => [a.id, tenants[a.tenant]?.org.id ?? ""] as const),
  );
  const expected = result.acks.reduce(
    (n, a) => n + endpoints.filter((e) => e.org === orgOfTask.get(a.id)).length,
    0,
  );
  const drainStarted = Date.now();
  const arrivedAcked = () =>
    receiver.arrivals.filter((a) => {
      const task = (JSON.parse(a.body) as { data: { task: { id: string } } }).data.task.id;
      return orgOfTask.has(task);
    }).length;
  while (arrivedAcked() < expected && Date.now() - drainStarted < DRAIN_LIMIT_S * 1_000) {
    await new Promise((r) => setTimeout(r, 500));
  }
  const drainS = (Date.now() - drainStarted) / 1_000;
  // A moment more: a duplicate would show up now.
  await new Promise((r) => setTimeout(r, 3_000));

  const admin = new pg.Pool({ connectionString: prepared.database.adminUrl, max: 1 });
  const attempts = await admin.query<{ failed: string; ok: string }>(
    `SELECT count(*) FILTER (WHERE response_status IS NULL OR response_status >= 300) AS failed,
            count(*) FILTER (WHERE response_status BETWEEN 200 AND 299) AS ok FROM webhook_attempts`,
  );
  const disabled = await admin.query("SELECT 1 FROM webhook_endpoints WHERE NOT enabled");
  await admin.end();

  let badSignature = 0;
  let wrongOrganization = 0;
  let duplicated = 0;
  let unexpected = 0;
  const seen = new Set<string>();
  const delivered = new Set<string>();
  for (const a of receiver.arrivals) {
    const endpoint = endpoints.find((e) => e.path === a.path);
    if (!endpoint) {
      unexpected++;
      continue;
    }
    let task: string;
    try {
      const event = new Webhook(endpoint.secret).verify(a.body, {
        "webhook-id": a.id,
        "webhook-timestamp": a.timestamp,
        "webhook-signature": a.signature,
      }) as { type: string; data: { task: { id: string } } };
      task = event.data.task.id;
    } catch {
      badSignature++;
      continue;
    }
    const taskOrg = orgOfTask.get(task);
    if (taskOrg !== undefined && taskOrg !== endpoint.org) wrongOrganization++;
    const key = `${a.path} ${a.id}`;
    if (seen.has(key)) duplicated++;
    seen.add(key);
    delivered.add(`${a.path} ${task}`);
  }
  const missing = result.acks.reduce(
    (n, ack) =>
      n +
      endpoints.filter(
        (e) => e.org === orgOfTask.get(ack.id) && !delivered.has(`${e.path} ${ack.id}`),
      ).length,
    0,
  );
  const reconciliation = await reconcile(prepared.database.adminUrl, {
    run,
    tenants,
    acks: result.acks,
  });

  console.log(
    JSON.stringify(
      {
        plan: PLAN,
        connections: CONNECTIONS,
        endpoints: endpoints.length,
        requests: result.requests,
        statuses: statusCounts(samples),
        writesAcknowledged: result.acks.length,
        deliveriesExpected: expected,
        arrivals: receiver.arrivals.length,
        arrivedWhileDown,
        attempts: { failed: Number(attempts.rows[0]?.failed), ok: Number(attempts.rows[0]?.ok) },
        drainSeconds: drainS,
        missing,
        duplicated,
        badSignature,
        wrongOrganization,
        unexpected,
        endpointsDisabled: disabled.rowCount,
        reconciliation,
      },
      null,
      2,
    ),
  );
  return judge(
    [
      { ok: result.acks.length > 0, what: "writes were acknowledged under load" },
      {
        ok: arrivedWhileDown === 0 && Number(attempts.rows[0]?.failed) > 0,
        what: "while the receiver was down nothing arrived and deliveries failed",
      },
      {
        ok: missing === 0,
        what: `every acknowledged task.created arrived at every endpoint of its organization (${expected}, after ${drainS.toFixed(1)} s)`,
      },
      { ok: badSignature === 0, what: "every arrival verifies with its endpoint's secret" },
      { ok: duplicated === 0, what: "each event arrived once per endpoint (no webhook-id twice)" },
      {
        ok: wrongOrganization === 0 && unexpected === 0,
        what: "no event at another organization's endpoint",
      },
      { ok: disabled.rowCount === 0, what: "no endpoint was disabled" },
      {
        ok: reconciliationHolds(reconciliation),
        what: "every acknowledged write present exactly once",
      },
    ],
    log,
    server.output(),
  );
}

await runBench(main);
