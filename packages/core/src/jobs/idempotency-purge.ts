// The scheduled purge of expired REST Idempotency-Keys kept in PostgreSQL (when no Redis is configured; see
// packages/api/src/rest/idempotency-pg.ts). Runs with no tenant: the SECURITY DEFINER function is the only way to
// delete across organizations, and it deletes only rows whose 24 hours (or in-flight claim) are over.
import type { Db } from "@tenantry/db";
import { withTenantTransaction } from "@tenantry/db";

/** Rows deleted per statement: short locks, and a large backlog still drains in one run. */
export const IDEMPOTENCY_PURGE_BATCH = 5000;

export async function purgeExpiredIdempotencyKeys(
  db: Db,
  batch = IDEMPOTENCY_PURGE_BATCH,
): Promise<{ deleted: number }> {
  let deleted = 0;
  for (;;) {
    const rows = await withTenantTransaction(
      db,
      { userId: "" },
      (tx) =>
        tx.$queryRaw<{ n: number }[]>`SELECT purge_expired_idempotency_keys(${batch}::int) AS n`,
    );
    const n = Number(rows[0]?.n ?? 0);
    deleted += n;
    if (n < batch) return { deleted };
  }
}
