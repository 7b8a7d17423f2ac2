// Removes audit entries older than each organization's plan retention, keeping each chain verifiable: only a prefix
// is purged, and its last entry's seq and hash stay behind as a checkpoint signed here with the server key (the
// database never sees the key). See the notifications_audit_chain migration.
import type { Db } from "@tenantry/db";
import { withTenantTransaction } from "@tenantry/db";

import { checkpointSignature } from "./audit-chain.ts";

export async function purgeExpiredAuditLogs(db: Db): Promise<{ deleted: number }> {
  // As the application role with no tenant: the SECURITY DEFINER functions are the only way past append-only.
  const candidates = await withTenantTransaction(
    db,
    { userId: "" },
    (tx) => tx.$queryRaw<{ organization_id: string; through_seq: bigint; last_hash: string }[]>`
      SELECT organization_id::text, through_seq, last_hash FROM audit_purge_candidates()`,
  );
  let deleted = 0;
  // One transaction per organization: a failure (e.g. a prefix that changed meanwhile) leaves the others purged.
  for (const c of candidates) {
    const signature = checkpointSignature(c.organization_id, c.through_seq, c.last_hash);
    const rows = await withTenantTransaction(
      db,
      { userId: "" },
      (tx) => tx.$queryRaw<{ deleted: bigint }[]>`
        SELECT purge_audit_prefix(${c.organization_id}::uuid, ${c.through_seq}::bigint, ${c.last_hash}, ${signature})
          AS deleted`,
    );
    deleted += Number(rows[0]?.deleted ?? 0);
  }
  return { deleted };
}
