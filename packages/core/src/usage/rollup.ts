// The usage rollup job (every five minutes, one run per slot): for each organization with recent hourly rows it
// compacts every closed hour into one row per key (the flushes of several processes leave one row per flush) and
// recomputes the daily rows from the hourly ones. Both replace what they cover, so a rerun or a late flush into an
// already compacted hour is harmless: the next run folds it in.
import type { Db, TenantDb } from "@tenantry/db";
import { Prisma, withTenantTransaction } from "@tenantry/db";

export const USAGE_ROLLUP_JOB = "usage.rollup";

/** The columns a usage row is keyed by (shared with retention.ts). */
export const KEYS = Prisma.sql`procedure, api_key_id, programmatic, status_class`;

/** Groups `source` (a CTE with the hourly columns and a `slot`) by slot and key, summing counts and buckets. */
export const aggregated = (slot: Prisma.Sql) => Prisma.sql`
  totals AS (
    SELECT ${slot} AS slot, ${KEYS}, SUM(count)::int AS count, SUM(latency_sum_ms)::bigint AS latency_sum_ms
    FROM source GROUP BY 1, 2, 3, 4, 5),
  cells AS (
    SELECT ${slot} AS slot, ${KEYS}, u.i, SUM(u.b)::int AS b
    FROM source CROSS JOIN LATERAL unnest(source.latency_buckets) WITH ORDINALITY AS u(b, i)
    GROUP BY 1, 2, 3, 4, 5, 6),
  arrays AS (
    SELECT slot, ${KEYS}, array_agg(b ORDER BY i) AS buckets FROM cells GROUP BY 1, 2, 3, 4, 5)
  SELECT t.slot, t.procedure, t.api_key_id, t.programmatic, t.status_class, t.count, t.latency_sum_ms,
         COALESCE(a.buckets, '{}'::int[]) AS buckets
  FROM totals t LEFT JOIN arrays a
    ON a.slot = t.slot AND a.procedure = t.procedure AND a.api_key_id IS NOT DISTINCT FROM t.api_key_id
   AND a.programmatic = t.programmatic AND a.status_class = t.status_class`;

/** Compacts the organization's closed hours since `since` and recomputes its days since then. */
export async function rollUpOrganization(
  tx: TenantDb,
  organizationId: string,
  since: Date,
  now = new Date(),
): Promise<{ hourlyRows: number; dailyRows: number }> {
  const currentHour = new Date(now);
  currentHour.setUTCMinutes(0, 0, 0);
  const hourlyRows = await tx.$executeRaw`
    WITH source AS (
      DELETE FROM api_usage_hourly
      WHERE organization_id = ${organizationId}::uuid AND hour >= ${since} AND hour < ${currentHour}
      RETURNING hour, ${KEYS}, count, latency_sum_ms, latency_buckets),
    folded AS (WITH ${aggregated(Prisma.sql`hour`)})
    INSERT INTO api_usage_hourly (id, organization_id, hour, procedure, api_key_id, programmatic, status_class,
                                  count, latency_sum_ms, latency_buckets)
    SELECT gen_random_uuid(), ${organizationId}::uuid, slot, ${KEYS}, count, latency_sum_ms, buckets FROM folded`;
  const sinceDay = new Date(since);
  sinceDay.setUTCHours(0, 0, 0, 0);
  await tx.$executeRaw`
    DELETE FROM api_usage_daily WHERE organization_id = ${organizationId}::uuid AND day >= ${sinceDay}::date`;
  const dailyRows = await tx.$executeRaw`
    WITH source AS (
      SELECT hour, ${KEYS}, count, latency_sum_ms, latency_buckets FROM api_usage_hourly
      WHERE organization_id = ${organizationId}::uuid AND hour >= ${sinceDay}),
    folded AS (WITH ${aggregated(Prisma.sql`(hour AT TIME ZONE 'UTC')::date`)})
    INSERT INTO api_usage_daily (id, organization_id, day, procedure, api_key_id, programmatic, status_class,
                                 count, latency_sum_ms, latency_buckets)
    SELECT gen_random_uuid(), ${organizationId}::uuid, slot, ${KEYS}, count, latency_sum_ms, buckets FROM folded`;
  return { hourlyRows, dailyRows };
}

/**
 * The scheduled run: every organization with hourly rows since the start of yesterday (UTC), each in its own tenant
 * transaction. Yesterday is included so a flush that lands just after midnight still reaches its day.
 */
export async function rollUpUsage(db: Db, now = new Date()): Promise<{ organizations: number }> {
  const since = new Date(now);
  since.setUTCHours(0, 0, 0, 0);
  since.setUTCDate(since.getUTCDate() - 1);
  const organizations = await withTenantTransaction(
    db,
    { userId: "" },
    (tx) =>
      tx.$queryRaw<{ organization_id: string }[]>`
      SELECT organization_id::text AS organization_id FROM api_usage_organizations_since(${since})`,
  );
  for (const { organization_id: organizationId } of organizations) {
    await withTenantTransaction(db, { userId: "", organizationId, role: "JOB" }, (tx) =>
      rollUpOrganization(tx, organizationId, since, now),
    );
  }
  return { organizations: organizations.length };
}
