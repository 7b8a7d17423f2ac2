// Monthly quotas (calendar month, UTC) from durable data: the month's programmatic requests in api_usage_hourly plus
// what this process has recorded and not yet written. Each check reads the database at most every
// USAGE_QUOTA_CACHE_MS per organization, in a short read-only transaction of its own — never inside the request's
// tenant transaction and never while waiting on Redis. Other processes' unwritten counts are not seen: the quota
// may be overshot by at most what the other processes take in one flush interval.
//
// The 80% warning is decided where counts become durable (after each flush, in its transaction): an alert row unique
// per organization, quota, month and threshold makes the notification and the quota.warning webhook go out once.
import type { Db, TenantDb } from "@tenantry/db";
import type { TQuota } from "@tenantry/validators";
import { withTenantTransaction } from "@tenantry/db";
import { QUOTA_LABELS, QUOTA_WARNING_PERCENT } from "@tenantry/validators";

import type { UsageMeter } from "./meter.ts";
import { env } from "../env.ts";
import { emitEvent } from "../jobs/outbox.ts";
import { notifyAdmins } from "../notifications/notify.ts";
import { effectiveLimits } from "../organization/limits.ts";

export const monthOf = (now: Date): string =>
  `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
export const monthStart = (now: Date): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
export const nextMonthStart = (now: Date): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));

/** The month's programmatic API requests written so far. `tx` is in the organization's tenant scope. */
export async function durableMonthRequests(
  tx: TenantDb,
  organizationId: string,
  now: Date,
): Promise<number> {
  const rows = await tx.$queryRaw<{ total: bigint | null }[]>`
    SELECT SUM(count) AS total FROM api_usage_hourly
    WHERE organization_id = ${organizationId}::uuid AND programmatic
      AND hour >= ${monthStart(now)} AND hour < ${nextMonthStart(now)}`;
  return Number(rows[0]?.total ?? 0);
}

interface Cached {
  month: string;
  durable: number;
  /** The organization's effective monthly limit (plan + overrides) read with it; null: unlimited. */
  limit: number | null;
  /** The meter's monotonic count when `durable` was read: later recordings are added on top. */
  recordedAtRead: number;
  until: number;
}

/** The month's API requests of an organization as the quota sees them: durable + this process's newer ones. */
export class MonthlyRequests {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly db: () => Db,
    private readonly meter: () => UsageMeter,
    private readonly cacheMs = env.USAGE_QUOTA_CACHE_MS,
  ) {}

  /** The month's count so far and the organization's effective monthly limit. */
  async read(
    organizationId: string,
    now = new Date(),
    db: Db = this.db(),
  ): Promise<{ used: number; limit: number | null }> {
    const meter = this.meter();
    const month = monthOf(now);
    let hit = this.cache.get(organizationId);
    if (hit?.month !== month || hit.until <= Date.now()) {
      // What is recorded but unwritten now is not in the database; the count recorded after the read starts from
      // here. A flush committing during the read may be missed once (an undercount until the next read), never
      // counted twice.
      const unwritten = meter.pendingProgrammatic(organizationId);
      const recordedAtRead = meter.recordedProgrammatic(organizationId) - unwritten;
      const { durable, limit } = await withTenantTransaction(
        db,
        { userId: "", organizationId, role: "METER" },
        async (tx) => ({
          durable: await durableMonthRequests(tx, organizationId, now),
          limit: (await effectiveLimits(tx, organizationId)).limits.apiRequestsPerMonth,
        }),
      );
      hit = { month, durable, limit, recordedAtRead, until: Date.now() + this.cacheMs };
      if (this.cache.size >= 10_000) this.cache.clear();
      this.cache.set(organizationId, hit);
    }
    const used = hit.durable + (meter.recordedProgrammatic(organizationId) - hit.recordedAtRead);
    return { used, limit: hit.limit };
  }
}

/**
 * After a flush wrote an organization's counts (in that transaction): when the month's API requests reached 80% of
 * the effective limit, records the alert and, the first time this month, notifies the admins and emits
 * quota.warning. Returns whether a warning went out.
 */
export async function warnOnQuota(
  tx: TenantDb,
  organizationId: string,
  now = new Date(),
): Promise<boolean> {
  const { limits } = await effectiveLimits(tx, organizationId);
  const limit = limits.apiRequestsPerMonth;
  if (limit === null) return false;
  const used = await durableMonthRequests(tx, organizationId, now);
  if (used * 100 < limit * QUOTA_WARNING_PERCENT) return false;
  const quota: TQuota = "api_requests";
  const period = monthOf(now);
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO usage_quota_alerts (id, organization_id, quota, period, threshold)
    VALUES (gen_random_uuid(), ${organizationId}::uuid, ${quota}, ${period}, ${QUOTA_WARNING_PERCENT})
    ON CONFLICT (organization_id, quota, period, threshold) DO NOTHING
    RETURNING id::text AS id`;
  if (inserted.length === 0) return false;
  const organization = await tx.organization.findUnique({
    where: { id: organizationId },
    select: { name: true },
  });
  await notifyAdmins(tx, organizationId, "QUOTA_WARNING", {
    organizationName: organization?.name ?? "",
    quotaLabel: QUOTA_LABELS[quota],
    usage: `${Math.min(100, Math.floor((used * 100) / limit))}% (${used} of ${limit})`,
  });
  await emitEvent(tx, { userId: "", apiKeyId: null, organizationId }, "quota.warning", {
    quota: {
      name: quota,
      used,
      limit,
      period,
      resetsAt: nextMonthStart(now).toISOString(),
    },
  });
  return true;
}

/** The quota alerts already sent for the month (the admins' banner reads this). */
export async function quotaAlerts(
  tx: TenantDb,
  organizationId: string,
  now = new Date(),
): Promise<TQuota[]> {
  const rows = await tx.usageQuotaAlert.findMany({
    where: { organizationId, period: monthOf(now) },
    select: { quota: true },
  });
  return rows.map((r) => r.quota).filter((q): q is TQuota => q === "api_requests");
}
