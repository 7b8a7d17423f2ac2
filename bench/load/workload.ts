// The mixed workload of bench/load and bench/faults: every connection cycles over several organizations, reading
// (task.list, project.list) and writing (task.create with a unique title) with each organization's own bearer
// token, and every response is recorded — status, latency, and for an acknowledged write the id the API returned —
// so that afterwards the database can be reconciled against what clients were told.
import autocannon from "autocannon";
import pg from "pg";

import type { SeededOrg } from "../http/seed.ts";

export interface Tenant {
  index: number;
  org: SeededOrg;
  token: string;
}

export interface Sample {
  /** Milliseconds since the workload started, at the response (or the timeout). */
  at: number;
  status: number;
  latencyMs: number;
}

export interface Ack {
  tenant: number;
  title: string;
  id: string;
}

export interface WorkloadResult {
  samples: Sample[];
  acks: Ack[];
  /** Writes sent (acknowledged or not). */
  writesSent: number;
  timeouts: number;
  errors: number;
  durationS: number;
  requests: number;
}

const trpcPath = (procedure: string, input: unknown) =>
  `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

/** `load-<run>-<tenant>-<n>`: the tenant in the title is what the reconciliation checks the row's organization by. */
const titleOf = (run: string, tenant: number, n: number) => `load-${run}-${tenant}-${n}`;

export interface WorkloadSpec {
  origin: string;
  tenants: Tenant[];
  run: string;
  connections: number;
  durationS: number;
  /** Per-request timeout; a request still unanswered then counts as a timeout (a hang). */
  timeoutS?: number;
}

export interface RunningWorkload {
  startedAt: number;
  /** Samples so far (the array keeps growing until `done` settles). */
  samples: Sample[];
  done: Promise<WorkloadResult>;
}

export function startWorkload(spec: WorkloadSpec): RunningWorkload {
  const samples: Sample[] = [];
  const acks: Ack[] = [];
  let writesSent = 0;
  let sequence = 0;
  const pending = new WeakMap<object, string>();
  const startedAt = Date.now();
  const requests: autocannon.Request[] = spec.tenants.flatMap((tenant) => {
    const headers = {
      authorization: `Bearer ${tenant.token}`,
      "x-tenantry-org": tenant.org.id,
    };
    return [
      {
        method: "GET" as const,
        path: trpcPath("task.list", { projectId: tenant.org.boardProjectId, limit: 20 }),
        headers,
      },
      {
        method: "POST" as const,
        path: "/api/trpc/task.create",
        headers: { ...headers, "content-type": "application/json" },
        setupRequest: (request: autocannon.Request, context: object) => {
          sequence += 1;
          writesSent += 1;
          const title = titleOf(spec.run, tenant.index, sequence);
          // One request in flight per connection (no pipelining): its context names this write until the answer.
          pending.set(context, title);
          return {
            ...request,
            body: JSON.stringify({ json: { projectId: tenant.org.boardProjectId, title } }),
          };
        },
        onResponse: (status: number, body: string, context: object) => {
          const title = pending.get(context);
          pending.delete(context);
          if (status !== 200 || title === undefined) return;
          const parsed = JSON.parse(body) as { result?: { data?: { json?: { id?: string } } } };
          const id = parsed.result?.data?.json?.id;
          if (id) acks.push({ tenant: tenant.index, title, id });
        },
      },
      { method: "GET" as const, path: trpcPath("project.list", { limit: 20 }), headers },
    ];
  });

  const done = new Promise<WorkloadResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.origin,
        connections: spec.connections,
        duration: spec.durationS,
        pipelining: 1,
        timeout: spec.timeoutS ?? 10,
        requests,
      },
      (error: unknown, result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error("autocannon failed"));
          return;
        }
        resolve({
          samples,
          acks,
          writesSent,
          timeouts: result.timeouts,
          errors: result.errors,
          durationS: (Date.now() - startedAt) / 1_000,
          requests: result.requests.total,
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      samples.push({ at: Date.now() - startedAt, status: statusCode, latencyMs: responseTime });
    });
    // A timeout (a hang, as far as the client can tell) or a cut connection: status 0, latency unknown.
    instance.on("reqError", () => {
      samples.push({ at: Date.now() - startedAt, status: 0, latencyMs: 0 });
    });
  });
  return { startedAt, samples, done };
}

/** Runs `fn` at `seconds` into a workload that started at `startedAt` (a fault's schedule); settles when it does. */
export function atSecond(
  startedAt: number,
  seconds: number,
  fn: () => Promise<unknown>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    setTimeout(
      () => void fn().then(() => resolve(), reject),
      Math.max(0, startedAt + seconds * 1_000 - Date.now()),
    );
  });
}

export interface Reconciliation {
  acknowledged: number;
  /** Acknowledged writes with no row, or with more than one. */
  missing: number;
  duplicated: number;
  /** Rows whose id differs from the acknowledged one, or in another organization than the title's tenant. */
  wrongId: number;
  wrongOrganization: number;
  /** Rows of this run nobody was told about (the answer was lost or an error): allowed, reported. */
  unacknowledgedPresent: number;
}

export async function reconcile(
  adminUrl: string,
  spec: { run: string; tenants: Tenant[]; acks: Ack[] },
): Promise<Reconciliation> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; organization_id: string; title: string }>(
      "SELECT id, organization_id, title FROM tasks WHERE title LIKE $1",
      [`load-${spec.run}-%`],
    );
    const byTitle = new Map<string, typeof rows>();
    for (const row of rows) byTitle.set(row.title, [...(byTitle.get(row.title) ?? []), row]);
    const orgOf = new Map(spec.tenants.map((t) => [t.index, t.org.id]));
    let missing = 0;
    let duplicated = 0;
    let wrongId = 0;
    for (const ack of spec.acks) {
      const found = byTitle.get(ack.title) ?? [];
      if (found.length === 0) missing++;
      else if (found.length > 1) duplicated++;
      else if (found[0]?.id !== ack.id) wrongId++;
    }
    let wrongOrganization = 0;
    for (const row of rows) {
      const tenant = Number(row.title.split("-")[2]);
      if (orgOf.get(tenant) !== row.organization_id) wrongOrganization++;
    }
    const acked = new Set(spec.acks.map((a) => a.title));
    return {
      acknowledged: spec.acks.length,
      missing,
      duplicated,
      wrongId,
      wrongOrganization,
      unacknowledgedPresent: [...byTitle.keys()].filter((title) => !acked.has(title)).length,
    };
  } finally {
    await client.end();
  }
}

export function reconciliationHolds(r: Reconciliation): boolean {
  return r.missing === 0 && r.duplicated === 0 && r.wrongId === 0 && r.wrongOrganization === 0;
}

/** Status counts of the samples in [from, to) milliseconds. */
export function statusCounts(samples: Sample[], from = 0, to = Infinity): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of samples) {
    if (s.at < from || s.at >= to) continue;
    const key = s.status === 0 ? "error" : String(s.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
