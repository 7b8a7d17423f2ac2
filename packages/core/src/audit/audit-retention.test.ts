import { describe, expect, it } from "vitest";

import { newId } from "@tenantry/db";

import { admin, createOrganization, db, setOrganizationState } from "../../test/fixtures.ts";
import { PLANS } from "../organization/plan.ts";
import { purgeExpiredAuditLogs } from "./audit-retention.ts";

async function entry(organizationId: string, ageDays: number): Promise<string> {
  const id = newId();
  await admin.query(
    `INSERT INTO audit_logs (id, organization_id, action, target_type, created_at)
     VALUES ($1, $2, 'test.entry', 'test', now() - make_interval(days => $3::int))`,
    [id, organizationId, ageDays],
  );
  return id;
}

describe("audit-log retention", () => {
  it("deletes exactly the entries older than each plan's retention (the SQL agrees with PLANS)", async () => {
    const kept: string[] = [];
    const orgs: string[] = [];
    const expired: string[] = [];
    for (const plan of ["FREE", "PRO", "ENTERPRISE"] as const) {
      const org = await createOrganization(`Retention ${plan}`);
      orgs.push(org.id);
      await setOrganizationState(org.id, { plan });
      const days = PLANS[plan].auditRetentionDays;
      expired.push(await entry(org.id, days + 1));
      kept.push(await entry(org.id, days - 1), await entry(org.id, 0));
    }
    // Other test files purge concurrently (the function is global), so what this call counts is not asserted: the
    // rows left and the checkpoints are.
    await purgeExpiredAuditLogs(db);
    // Each purged prefix leaves its checkpoint behind.
    const checkpoints = await admin.query<{ through_seq: string }>(
      "SELECT through_seq::text FROM audit_checkpoints WHERE organization_id = ANY($1::uuid[])",
      [orgs],
    );
    expect(checkpoints.rows.map((r) => r.through_seq)).toEqual(["1", "1", "1"]);
    const { rows } = await admin.query<{ id: string }>(
      "SELECT id FROM audit_logs WHERE id = ANY($1::uuid[])",
      [[...kept, ...expired]],
    );
    expect(rows.map((r) => r.id).sort()).toEqual([...kept].sort());
  });

  it("is the only way the application role can delete audit entries", async () => {
    const org = await createOrganization("Append only");
    const id = await entry(org.id, 0);
    await expect(
      db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT set_config('role', 'tenantry_app', true), set_config('app.org_id', ${org.id}, true)`;
        await tx.$executeRaw`DELETE FROM audit_logs WHERE id = ${id}::uuid`;
      }),
    ).rejects.toThrow(/permission denied/);
  });
});
