// Retention of the hourly API usage rows: hours older than USAGE_HOURLY_RETENTION_DAYS (whole UTC days) are folded
// into their days' daily rows and deleted, hourly (maintenance.usage-retention); daily rows are kept for good. The
// usage page reads an hour's grain where it is still there and a day's row where retention removed the hours
// (usageRows), so a range reaching back past the retention shows the same totals as before the purge.
import type { Db, TenantDb } from "@tenantry/db";
import { Prisma, withTenantTransaction } from "@tenantry/db";

import { env } from "../env.ts";
import { aggregated, KEYS } from "./rollup.ts";

export const USAGE_RETENTION_JOB = "maintenance.usage-retention";

const DAY_MS = 86_400_000;

/** The first hour kept: 00:00 UTC of the day `days` days before `now`'s. */
export function hourlyRetentionCutoff(now: Date, days: number): Date {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  cutoff.setUTCHours(0, 0, 0, 0);
  return cutoff;
}

/**
 * Folds the organization's hourly rows before `cutoff` into daily rows and deletes them. A day's daily rows are a
 * function of its hourly rows (as in the rollup), so each day that still has hourly rows is recomputed from them:
 * a day the rollup never reached (the worker was down) is not lost, and one it did is not counted twice.
 */
export async function pruneOrganizationHourly(
  tx: TenantDb,
  organizationId: string,
  cutoff: Date,
): Promise<{ dailyRows: number; hourlyRows: number }> {
  await tx.$executeRaw`
    DELETE FROM api_usage_daily d
    WHERE d.organization_id = ${organizationId}::uuid
      AND (d.day::timestamp AT TIME ZONE 'UTC') < ${cutoff}
      AND EXISTS (
        SELECT 1 FROM api_usage_hourly h
        WHERE h.organization_id = d.organization_id
          AND h.hour >= (d.day::timestamp AT TIME ZONE 'UTC')
          AND h.hour < (d.day::timestamp AT TIME ZONE 'UTC') + interval '1 day')`;
  const dailyRows = await tx.$executeRaw`
    WITH source AS (
      SELECT hour, ${KEYS}, count, latency_sum_ms, latency_buckets FROM api_usage_hourly
      WHERE organization_id = ${organizationId}::uuid AND hour < ${cutoff}),
    folded AS (WITH ${aggregated(Prisma.sql`(hour AT TIME ZONE 'UTC')::date`)})
    INSERT INTO api_usage_daily (id, organization_id, day, procedure, api_key_id, programmatic, status_class,
                                 count, latency_sum_ms, latency_buckets)
    SELECT gen_random_uuid(), ${organizationId}::uuid, slot, ${KEYS}, count, latency_sum_ms, buckets FROM folded`;
  const hourlyRows = await tx.$executeRaw`
    DELETE FROM api_usage_hourly WHERE organization_id = ${organizationId}::uuid AND hour < ${cutoff}`;
  return { dailyRows, hourlyRows };
}

/** The scheduled run: every organization with hourly rows past the retention, each in its own tenant transaction. */
export async function pruneHourlyUsage(
  db: Db,
  now = new Date(),
  retentionDays = env.USAGE_HOURLY_RETENTION_DAYS,
): Promise<{ organizations: number; hourlyRows: number }> {
  const cutoff = hourlyRetentionCutoff(now, retentionDays);
  const organizations = await withTenantTransaction(
    db,
    { userId: "" },
    (tx) =>
      tx.$queryRaw<{ organization_id: string }[]>`
      SELECT organization_id::text AS organization_id FROM api_usage_organizations_before(${cutoff})`,
  );
  let hourlyRows = 0;
  for (const { organization_id: organizationId } of organizations) {
    const pruned = await withTenantTransaction(
      db,
      { userId: "", organizationId, role: "JOB" },
      (tx) => pruneOrganizationHourly(tx, organizationId, cutoff),
    );
    hourlyRows += pruned.hourlyRows;
  }
  return { organizations: organizations.length, hourlyRows };
}

/**
 * The organization's usage in [start, end) (UTC midnights) as one row set with the hourly columns the usage page
 * reads: the hourly rows, plus the daily rows (at their day's 00:00 UTC) of the days that have no hourly row left.
 */
export function usageRows(organizationId: string, start: Date, end: Date): Prisma.Sql {
  const startDay = start.toISOString().slice(0, 10);
  const endDay = end.toISOString().slice(0, 10);
  return Prisma.sql`(
    SELECT hour, procedure, api_key_id, status_class, count, latency_buckets FROM api_usage_hourly
    WHERE organization_id = ${organizationId}::uuid AND hour >= ${start} AND hour < ${end}
    UNION ALL
    SELECT (d.day::timestamp AT TIME ZONE 'UTC') AS hour, d.procedure, d.api_key_id, d.status_class, d.count,
           d.latency_buckets
    FROM api_usage_daily d
    WHERE d.organization_id = ${organizationId}::uuid AND d.day >= ${startDay}::date AND d.day < ${endDay}::date
      AND NOT EXISTS (
        SELECT 1 FROM api_usage_hourly h
        WHERE h.organization_id = d.organization_id
          AND h.hour >= (d.day::timestamp AT TIME ZONE 'UTC')
          AND h.hour < (d.day::timestamp AT TIME ZONE 'UTC') + interval '1 day'))`;
}
