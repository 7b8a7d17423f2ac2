// Verifies an organization's audit hash chain (see the notifications_audit_chain migration for how it is written):
// every entry's hash recomputed from its content, every link to the previous entry, the sequence without gaps, and
// the start either the chain's origin or a retention checkpoint whose server signature holds.
import { createHmac, timingSafeEqual } from "node:crypto";

import type { TenantDb } from "@tenantry/db";

import type { Actor } from "../actor.ts";
import { auditCheckpointKey } from "../env.ts";

export interface ChainVerification {
  ok: boolean;
  /** Entries checked (those left after retention). */
  checked: number;
  /** The first broken link, when any: the entry (or the checkpoint) where the chain stops holding. */
  firstBroken: { seq: string; id: string | null; reason: BrokenReason } | null;
  checkpoint: { throughSeq: string; createdAt: Date } | null;
}

export type BrokenReason =
  "content_changed" | "link_broken" | "sequence_gap" | "checkpoint_signature_invalid";

export function checkpointSignature(
  organizationId: string,
  throughSeq: bigint,
  lastHash: string,
): string {
  return createHmac("sha256", auditCheckpointKey())
    .update(`audit-checkpoint\n${organizationId}\n${throughSeq.toString()}\n${lastHash}`)
    .digest("hex");
}

function signatureHolds(
  organizationId: string,
  throughSeq: bigint,
  lastHash: string,
  signature: string,
) {
  const expected = Buffer.from(checkpointSignature(organizationId, throughSeq, lastHash), "hex");
  const given = Buffer.from(signature, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function verifyAuditChain(db: TenantDb, actor: Actor): Promise<ChainVerification> {
  const organizationId = actor.organizationId;
  const checkpoint = await db.auditCheckpoint.findFirst({
    where: { organizationId },
    orderBy: { throughSeq: "desc" },
    select: { throughSeq: true, lastHash: true, signature: true, createdAt: true },
  });
  const startSeq = checkpoint?.throughSeq ?? 0n;
  const startHash = checkpoint?.lastHash ?? "";
  const checkpointOut = checkpoint
    ? { throughSeq: checkpoint.throughSeq.toString(), createdAt: checkpoint.createdAt }
    : null;
  if (
    checkpoint &&
    !signatureHolds(
      organizationId,
      checkpoint.throughSeq,
      checkpoint.lastHash,
      checkpoint.signature,
    )
  ) {
    return {
      ok: false,
      checked: 0,
      firstBroken: {
        seq: checkpoint.throughSeq.toString(),
        id: null,
        reason: "checkpoint_signature_invalid",
      },
      checkpoint: checkpointOut,
    };
  }
  // One pass in the database, streaming over the (organization_id, seq) index: nothing is held in memory here.
  const rows = await db.$queryRaw<
    { checked: bigint; seq: bigint | null; id: string | null; reason: BrokenReason | null }[]
  >`
    WITH chain AS (
      SELECT a.id, a.seq, a.prev_hash, a.hash, audit_entry_hash(a.prev_hash, a) AS computed,
             lag(a.hash) OVER w AS prior_hash, lag(a.seq) OVER w AS prior_seq
      FROM audit_logs a WHERE a.organization_id = ${organizationId}::uuid
      WINDOW w AS (ORDER BY a.seq)
    ), broken AS (
      SELECT id, seq, CASE
          WHEN seq <> COALESCE(prior_seq, ${startSeq}) + 1 THEN 'sequence_gap'
          WHEN prev_hash <> COALESCE(prior_hash, ${startHash}) THEN 'link_broken'
          ELSE 'content_changed' END AS reason
      FROM chain
      WHERE seq <> COALESCE(prior_seq, ${startSeq}) + 1
         OR prev_hash <> COALESCE(prior_hash, ${startHash})
         OR hash <> computed
      ORDER BY seq LIMIT 1
    )
    SELECT (SELECT count(*) FROM chain) AS checked, b.seq, b.id::text AS id, b.reason
    FROM (SELECT 1) one LEFT JOIN broken b ON TRUE`;
  const row = rows[0];
  const broken =
    row?.seq !== null && row?.seq !== undefined && row.reason
      ? { seq: row.seq.toString(), id: row.id, reason: row.reason }
      : null;
  return {
    ok: broken === null,
    checked: Number(row?.checked ?? 0),
    firstBroken: broken,
    checkpoint: checkpointOut,
  };
}
