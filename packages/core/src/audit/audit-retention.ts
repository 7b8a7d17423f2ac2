// Removes audit entries older than each organization's plan retention (see the audit_retention migration).
import type { Db } from "@tenantry/db";
import { withTenantTransaction } from "@tenantry/db";

export async function purgeExpiredAuditLogs(db: Db): Promise<{ deleted: number }> {
  // As the application role with no tenant: the SECURITY DEFINER function is the only way past append-only.
  const rows = await withTenantTransaction(
    db,
    { userId: "" },
    (tx) => tx.$queryRaw<{ deleted: bigint }[]>`SELECT purge_expired_audit_logs() AS deleted`,
  );
  return { deleted: Number(rows[0]?.deleted ?? 0) };
}
