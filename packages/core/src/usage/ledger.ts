// The usage ledger: billable actions (tasks created, storage bytes, seats, assistant tokens) written in the same
// transaction as the action, so an action that rolls back is never billed. The event id is unique per organization:
// a retried write (a job run twice, a client retrying with the same idempotency key) counts once.
import type { TenantDb } from "@tenantry/db";
import type { TUsageMetric } from "@tenantry/validators";
import { newId } from "@tenantry/db";
import { ZUsageMetric } from "@tenantry/validators";

export interface RecordUsageInput {
  organizationId: string;
  metric: TUsageMetric;
  /** Signed whole units (bytes, tokens, tasks, seats); a deletion is a negative entry. */
  quantity: number | bigint;
  /** Stable for the action, e.g. `task.created:<taskId>`: the same id again is ignored. At most 200 characters. */
  eventId: string;
}

/**
 * Records one billable action inside `tx` (a tenant transaction for `organizationId`). Returns false when the
 * event id was already recorded for the organization (nothing changes).
 */
export async function recordUsage(tx: TenantDb, input: RecordUsageInput): Promise<boolean> {
  const metric = ZUsageMetric.parse(input.metric);
  if (input.eventId.length === 0 || input.eventId.length > 200) {
    throw new RangeError("usage event id must be 1 to 200 characters");
  }
  // ON CONFLICT DO NOTHING rather than catching a unique violation: a failed statement would abort the caller's
  // transaction, and the action itself must still commit.
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO usage_ledger (id, organization_id, event_id, metric, quantity)
    VALUES (${newId()}::uuid, ${input.organizationId}::uuid, ${input.eventId}, ${metric},
            ${BigInt(input.quantity)})
    ON CONFLICT (organization_id, event_id) DO NOTHING
    RETURNING id::text AS id`;
  return inserted.length > 0;
}

/** The ledger's totals per metric for [from, to), for the usage page and the quotas. */
export async function ledgerTotals(
  tx: TenantDb,
  organizationId: string,
  range: { from: Date; to: Date },
): Promise<Record<TUsageMetric, number>> {
  const rows = await tx.$queryRaw<{ metric: string; total: bigint | null }[]>`
    SELECT metric, SUM(quantity) AS total FROM usage_ledger
    WHERE organization_id = ${organizationId}::uuid AND created_at >= ${range.from} AND created_at < ${range.to}
    GROUP BY metric`;
  const totals = Object.fromEntries(ZUsageMetric.options.map((m) => [m, 0])) as Record<
    TUsageMetric,
    number
  >;
  for (const row of rows) {
    const parsed = ZUsageMetric.safeParse(row.metric);
    if (parsed.success) totals[parsed.data] = Number(row.total ?? 0);
  }
  return totals;
}

/** Running totals of every metric up to `at` (storage bytes and seats are levels, not flows). */
export async function ledgerBalance(
  tx: TenantDb,
  organizationId: string,
  at = new Date(),
): Promise<Record<TUsageMetric, number>> {
  return ledgerTotals(tx, organizationId, { from: new Date(0), to: at });
}
