// The platform admins' usage view across organizations, from the daily rollup (at most one rollup interval behind):
// requests per day, and the organizations with the most requests with their error rate and p95 latency.
// `tx` is a platform-admin transaction; the database function answers nothing outside one.
import type { TenantDb } from "@tenantry/db";
import type { TPlatformUsageOutput, TUsageRangeInput } from "@tenantry/validators";

import { rangeBounds } from "./analytics.ts";
import { addBuckets, emptyBuckets, quantileMs } from "./histogram.ts";

interface DailyRow {
  organization_id: string;
  day: Date;
  status_class: number;
  count: number;
  latency_buckets: number[] | null;
}

export async function platformUsage(
  tx: TenantDb,
  range: TUsageRangeInput,
): Promise<TPlatformUsageOutput> {
  const rows = await tx.$queryRaw<DailyRow[]>`
    SELECT organization_id::text AS organization_id, day, status_class, count, latency_buckets
    FROM api_usage_platform_daily(${range.from}::date, ${range.to}::date)`;
  const days = new Map<string, { requests: number; clientErrors: number; serverErrors: number }>();
  const { start, end } = rangeBounds(range);
  for (let t = start.getTime(); t < end.getTime(); t += 86_400_000) {
    days.set(new Date(t).toISOString().slice(0, 10), {
      requests: 0,
      clientErrors: 0,
      serverErrors: 0,
    });
  }
  const orgs = new Map<string, { requests: number; errors: number; buckets: number[] }>();
  for (const row of rows) {
    const day = days.get(row.day.toISOString().slice(0, 10));
    if (day) {
      day.requests += row.count;
      if (row.status_class === 4) day.clientErrors += row.count;
      if (row.status_class === 5) day.serverErrors += row.count;
    }
    const org = orgs.get(row.organization_id) ?? {
      requests: 0,
      errors: 0,
      buckets: emptyBuckets(),
    };
    org.requests += row.count;
    if (row.status_class >= 4) org.errors += row.count;
    addBuckets(org.buckets, row.latency_buckets);
    orgs.set(row.organization_id, org);
  }
  const top = [...orgs.entries()].sort((a, b) => b[1].requests - a[1].requests).slice(0, 50);
  const names = await tx.organization.findMany({
    where: { id: { in: top.map(([id]) => id) } },
    select: { id: true, name: true, slug: true },
  });
  const nameOf = new Map(names.map((o) => [o.id, o]));
  return {
    from: range.from,
    to: range.to,
    days: [...days.entries()].map(([day, counts]) => ({ day, ...counts })),
    organizations: top.map(([organizationId, org]) => ({
      organizationId,
      name: nameOf.get(organizationId)?.name ?? "(deleted)",
      slug: nameOf.get(organizationId)?.slug ?? "",
      requests: org.requests,
      errorRate: org.requests === 0 ? 0 : org.errors / org.requests,
      p95Ms: quantileMs(org.buckets, 0.95),
    })),
  };
}
