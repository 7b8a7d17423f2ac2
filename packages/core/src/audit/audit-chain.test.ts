import { describe, expect, it } from "vitest";

import { withTenantTransaction } from "@tenantry/db";

import type { Actor } from "../actor.ts";
import { admin, createTenant, db, setOrganizationState } from "../../test/fixtures.ts";
import { verifyAuditChain } from "./audit-chain.ts";
import { purgeExpiredAuditLogs } from "./audit-retention.ts";
import { recordAudit } from "./audit.ts";

const inOrg = <T>(actor: Actor, fn: Parameters<typeof withTenantTransaction<T>>[2]) =>
  withTenantTransaction(
    db,
    { userId: actor.userId, organizationId: actor.organizationId, role: "OWNER" },
    fn,
  );

const verify = (actor: Actor) => inOrg(actor, (tx) => verifyAuditChain(tx, actor));

async function tenantActor(): Promise<Actor> {
  const { org, user } = await createTenant("Chain");
  return {
    userId: user.id,
    organizationId: org.id,
    request: { requestId: "req-1", ip: "203.0.113.7", userAgent: "vitest" },
  };
}

/** Changes a row as the database owner, past the append-only trigger (what an attacker with the owner could do). */
async function tamper(sql: string, params: unknown[]): Promise<void> {
  const client = await admin.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(sql, params);
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

describe("audit hash chain", () => {
  it("records actor, request and redacted changes, and chains entries one after the other", async () => {
    const actor = await tenantActor();
    await inOrg(actor, (tx) =>
      recordAudit(tx, actor, {
        action: "webhook.update",
        targetType: "webhook",
        metadata: { name: "hook", secret: "whsec_abc" },
        changes: {
          url: { before: "https://a.test", after: "https://b.test" },
          secret: { before: "x", after: "y" },
        },
      }),
    );
    await inOrg(actor, (tx) =>
      recordAudit(
        tx,
        { ...actor, apiKeyId: "11111111-1111-4111-8111-111111111111" },
        {
          action: "project.create",
          targetType: "project",
        },
      ),
    );
    const { rows } = await admin.query<
      Record<string, unknown> & { prev_hash: string; hash: string }
    >(
      `SELECT seq::int, actor, ip, user_agent, request_id, metadata, changes, prev_hash, hash
       FROM audit_logs WHERE organization_id = $1 ORDER BY seq`,
      [actor.organizationId],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      seq: 1,
      actor: `user:${actor.userId}`,
      ip: "203.0.113.7",
      user_agent: "vitest",
      request_id: "req-1",
      metadata: { name: "hook", secret: "[redacted]" },
      changes: {
        url: { before: "https://a.test", after: "https://b.test" },
        secret: { before: "[redacted]", after: "[redacted]" },
      },
      prev_hash: "",
    });
    expect(rows[1]).toMatchObject({ seq: 2, actor: "apikey:11111111-1111-4111-8111-111111111111" });
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(await verify(actor)).toMatchObject({ ok: true, checked: 2, firstBroken: null });
  });

  it("refuses UPDATE and DELETE of entries, for the application role and the owner alike", async () => {
    const actor = await tenantActor();
    await inOrg(actor, (tx) => recordAudit(tx, actor, { action: "tag.create", targetType: "tag" }));
    for (const statement of [
      "UPDATE audit_logs SET action = 'x' WHERE organization_id = $1",
      "DELETE FROM audit_logs WHERE organization_id = $1",
    ]) {
      await expect(
        inOrg(actor, (tx) => tx.$executeRawUnsafe(statement, actor.organizationId)),
      ).rejects.toThrow(/permission denied/);
      await expect(admin.query(statement, [actor.organizationId])).rejects.toThrow(/append-only/);
    }
    await expect(admin.query("TRUNCATE audit_logs")).rejects.toThrow(/append-only/);
    expect(await verify(actor)).toMatchObject({ ok: true, checked: 1 });
  });

  it("finds a row changed by the database owner and reports the first broken link", async () => {
    const actor = await tenantActor();
    for (const action of ["a.one", "a.two", "a.three"]) {
      await inOrg(actor, (tx) => recordAudit(tx, actor, { action, targetType: "test" }));
    }
    await tamper(
      `UPDATE audit_logs SET action = 'a.forged' WHERE organization_id = $1 AND seq = 2`,
      [actor.organizationId],
    );
    const result = await verify(actor);
    expect(result).toMatchObject({
      ok: false,
      checked: 3,
      firstBroken: { seq: "2", reason: "content_changed" },
    });

    // Recomputing the forged row's own hash does not help: the next entry's link no longer matches.
    await tamper(
      `UPDATE audit_logs a SET hash = audit_entry_hash(a.prev_hash, a) WHERE organization_id = $1 AND seq = 2`,
      [actor.organizationId],
    );
    expect(await verify(actor)).toMatchObject({
      ok: false,
      firstBroken: { seq: "3", reason: "link_broken" },
    });
  });

  it("finds a deleted entry as a gap in the sequence", async () => {
    const actor = await tenantActor();
    for (const action of ["b.one", "b.two", "b.three"]) {
      await inOrg(actor, (tx) => recordAudit(tx, actor, { action, targetType: "test" }));
    }
    await tamper(`DELETE FROM audit_logs WHERE organization_id = $1 AND seq = 2`, [
      actor.organizationId,
    ]);
    expect(await verify(actor)).toMatchObject({
      ok: false,
      firstBroken: { seq: "3", reason: "sequence_gap" },
    });
  });

  it("chains concurrent writers without a fork or a gap", async () => {
    const actor = await tenantActor();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        inOrg(actor, (tx) => recordAudit(tx, actor, { action: `c.${i}`, targetType: "test" })),
      ),
    );
    const { rows } = await admin.query<{ seq: number }>(
      "SELECT seq::int FROM audit_logs WHERE organization_id = $1 ORDER BY seq",
      [actor.organizationId],
    );
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await verify(actor)).toMatchObject({ ok: true, checked: 12 });
  });

  it("keeps the chain verifiable across a retention purge, through a signed checkpoint", async () => {
    const actor = await tenantActor();
    for (const action of ["r.one", "r.two", "r.three", "r.four"]) {
      await inOrg(actor, (tx) => recordAudit(tx, actor, { action, targetType: "test" }));
    }
    // Age the first two past the FREE plan's 30 days (as time would), then re-seal them as the owner.
    await tamper(
      `UPDATE audit_logs SET created_at = now() - interval '40 days' WHERE organization_id = $1 AND seq <= 2`,
      [actor.organizationId],
    );
    await tamper(
      `DO $$ DECLARE r record; prev text := ''; BEGIN
         FOR r IN SELECT id FROM audit_logs WHERE organization_id = '${actor.organizationId}' ORDER BY seq LOOP
           UPDATE audit_logs a SET prev_hash = prev, hash = audit_entry_hash(prev, a) WHERE a.id = r.id
           RETURNING a.hash INTO prev;
         END LOOP; END $$`,
      [],
    );
    await setOrganizationState(actor.organizationId, { plan: "FREE" });
    expect(await verify(actor)).toMatchObject({ ok: true, checked: 4 });

    await purgeExpiredAuditLogs(db);
    const { rows } = await admin.query<{ seq: number }>(
      "SELECT seq::int FROM audit_logs WHERE organization_id = $1 ORDER BY seq",
      [actor.organizationId],
    );
    expect(rows.map((r) => r.seq)).toEqual([3, 4]);
    expect(await verify(actor)).toMatchObject({
      ok: true,
      checked: 2,
      checkpoint: { throughSeq: "2" },
    });

    // New entries continue the chain after the checkpoint.
    await inOrg(actor, (tx) => recordAudit(tx, actor, { action: "r.five", targetType: "test" }));
    expect(await verify(actor)).toMatchObject({ ok: true, checked: 3 });

    // A checkpoint whose signature was not made with the server key is reported.
    await tamper(
      `UPDATE audit_checkpoints SET signature = repeat('0', 64) WHERE organization_id = $1`,
      [actor.organizationId],
    );
    expect(await verify(actor)).toMatchObject({
      ok: false,
      firstBroken: { seq: "2", reason: "checkpoint_signature_invalid" },
    });
  });
});
