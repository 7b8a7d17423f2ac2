// The usage page's numbers for one organization: requests per day, by procedure or route, error rate, p95 latency,
// top API keys, the ledger's billable counters against the plan, and the monthly quotas. Read from the hourly rows
// (exact up to the last flush; daily rows for days past the hourly retention, retention.ts) in the caller's tenant
// transaction; the quota adds this process's unwritten count.
import type { TenantDb } from "@tenantry/db";
import type {
  TQuotaStatusOutput,
  TUsageRangeInput,
  TUsageSummaryOutput,
} from "@tenantry/validators";
import { QUOTA_WARNING_PERCENT, ZUsageMetric } from "@tenantry/validators";

import type { MemberActor } from "../actor.ts";
import { effectiveLimits } from "../organization/limits.ts";
import { addBuckets, emptyBuckets, quantileMs } from "./histogram.ts";
import { ledgerBalance, ledgerTotals } from "./ledger.ts";
import { durableMonthRequests, nextMonthStart } from "./quota.ts";
import { usageRows } from "./retention.ts";

const DAY_MS = 86_400_000;

/** [from 00:00, the day after `to` 00:00) in UTC. */
export const rangeBounds = (range: TUsageRangeInput) => ({
  start: new Date(`${range.from}T00:00:00Z`),
  end: new Date(Date.parse(`${range.to}T00:00:00Z`) + DAY_MS),
});

interface GroupRow {
  key: string | null;
  requests: bigint;
  /** NULL from SUM … FILTER when no request of the group failed. */
  errors: bigint | null;
  buckets: number[] | null;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** Requests grouped by `procedure` or `api_key_id` with their summed latency buckets. */
async function grouped(
  tx: TenantDb,
  organizationId: string,
  start: Date,
  end: Date,
  by: "procedure" | "api_key_id",
): Promise<GroupRow[]> {
  const rows =
    by === "procedure"
      ? await tx.$queryRaw<GroupRow[]>`
          WITH source AS (
            SELECT procedure AS key, status_class, count, latency_buckets
            FROM ${usageRows(organizationId, start, end)} u)
          SELECT key, SUM(count) AS requests, SUM(count) FILTER (WHERE status_class >= 4) AS errors,
                 (SELECT array_agg(b ORDER BY i) FROM (
                    SELECT u.i, SUM(u.b)::int AS b FROM source s2
                    CROSS JOIN LATERAL unnest(s2.latency_buckets) WITH ORDINALITY AS u(b, i)
                    WHERE s2.key = source.key GROUP BY u.i) cells) AS buckets
          FROM source GROUP BY key ORDER BY requests DESC, key LIMIT 25`
      : await tx.$queryRaw<GroupRow[]>`
          SELECT api_key_id::text AS key, SUM(count) AS requests,
                 SUM(count) FILTER (WHERE status_class >= 4) AS errors, NULL::int[] AS buckets
          FROM ${usageRows(organizationId, start, end)} u
          WHERE api_key_id IS NOT NULL
          GROUP BY api_key_id ORDER BY requests DESC, key LIMIT 10`;
  return rows;
}

/** The monthly quotas as they stand; `unwritten` is this process's count not yet flushed. */
export async function quotaStatus(
  tx: TenantDb,
  organizationId: string,
  unwritten: number,
  now = new Date(),
): Promise<TQuotaStatusOutput[]> {
  const { limits } = await effectiveLimits(tx, organizationId);
  const used = (await durableMonthRequests(tx, organizationId, now)) + unwritten;
  const limit = limits.apiRequestsPerMonth;
  return [
    {
      quota: "api_requests",
      used,
      limit,
      resetsAt: nextMonthStart(now),
      warning: limit !== null && used * 100 >= limit * QUOTA_WARNING_PERCENT,
      exceeded: limit !== null && used >= limit,
    },
  ];
}

export async function usageSummary(
  tx: TenantDb,
  actor: MemberActor,
  range: TUsageRangeInput,
  unwritten: number,
): Promise<TUsageSummaryOutput> {
  const organizationId = actor.organizationId;
  const { start, end } = rangeBounds(range);
  const dayRows = await tx.$queryRaw<
    { day: string; requests: bigint; client: bigint | null; server: bigint | null }[]
  >`
    SELECT to_char((hour AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, SUM(count) AS requests,
           SUM(count) FILTER (WHERE status_class = 4) AS client,
           SUM(count) FILTER (WHERE status_class = 5) AS server
    FROM ${usageRows(organizationId, start, end)} u
    GROUP BY 1`;
  const byDay = new Map(dayRows.map((r) => [r.day, r]));
  const days: TUsageSummaryOutput["days"] = [];
  for (let t = start.getTime(); t < end.getTime(); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const row = byDay.get(day);
    days.push({
      day,
      requests: Number(row?.requests ?? 0),
      clientErrors: Number(row?.client ?? 0),
      serverErrors: Number(row?.server ?? 0),
    });
  }

  const procedureRows = await grouped(tx, organizationId, start, end, "procedure");
  const keyRows = await grouped(tx, organizationId, start, end, "api_key_id");
  const keyIds = keyRows.map((r) => r.key).filter((k): k is string => k !== null);
  const keys = await tx.apiKey.findMany({
    where: { organizationId, id: { in: keyIds } },
    select: { id: true, name: true },
  });
  const keyName = new Map(keys.map((k) => [k.id, k.name]));

  // Totals and the overall p95 from every procedure's buckets (the top 25 may not be all of them).
  const all = await tx.$queryRaw<{ requests: bigint | null; errors: bigint | null }[]>`
    SELECT SUM(count) AS requests, SUM(count) FILTER (WHERE status_class >= 4) AS errors
    FROM ${usageRows(organizationId, start, end)} u`;
  const allBuckets = await tx.$queryRaw<{ i: bigint; b: bigint }[]>`
    SELECT u.i, SUM(u.b) AS b FROM ${usageRows(organizationId, start, end)} h
    CROSS JOIN LATERAL unnest(h.latency_buckets) WITH ORDINALITY AS u(b, i)
    GROUP BY u.i`;
  const totalBuckets = emptyBuckets();
  for (const { i, b } of allBuckets) totalBuckets[Number(i) - 1] = Number(b);
  const requests = Number(all[0]?.requests ?? 0);

  const { limits } = await effectiveLimits(tx, organizationId);
  const inRange = await ledgerTotals(tx, organizationId, { from: start, to: end });
  const balance = await ledgerBalance(tx, organizationId);
  const limitOf: Record<(typeof ZUsageMetric.options)[number], number | null> = {
    tasks_created: null,
    storage_bytes: null,
    seats: limits.maxMembers,
    assistant_tokens: null,
  };

  return {
    from: range.from,
    to: range.to,
    totals: {
      requests,
      errorRate: share(Number(all[0]?.errors ?? 0), requests),
      p95Ms: quantileMs(totalBuckets, 0.95),
    },
    days,
    procedures: procedureRows.map((r) => ({
      procedure: r.key ?? "",
      requests: Number(r.requests),
      errorRate: share(Number(r.errors ?? 0), Number(r.requests)),
      p95Ms: quantileMs(addBuckets(emptyBuckets(), r.buckets), 0.95),
    })),
    apiKeys: keyIds.map((id) => ({
      apiKeyId: id,
      name: keyName.get(id) ?? null,
      requests: Number(keyRows.find((r) => r.key === id)?.requests ?? 0),
    })),
    billable: ZUsageMetric.options.map((metric) => ({
      metric,
      inRange: inRange[metric],
      balance: balance[metric],
      limit: limitOf[metric],
    })),
    quotas: await quotaStatus(tx, organizationId, unwritten),
  };
}
