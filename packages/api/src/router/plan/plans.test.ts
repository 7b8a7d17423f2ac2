// Plans through the real middleware chain: a platform admin changes the plan and overrides limits (both audited, in
// the organization's log and the platform's), an override takes effect where things are created, the owners'
// comparison, a downgrade that would break a limit refused naming what to remove, and the upgrade request flow
// (self-service upgrades are off by default, PLAN_SELF_SERVICE_UPGRADES).
import { describe, expect, it } from "vitest";

import {
  addMember,
  admin,
  callerAs,
  createProjectRow,
  createTenant,
  createUser,
  expectTRPCError,
  makePlatformAdmin,
} from "../../../test/fixtures.ts";

const auditActions = async (organizationId: string) =>
  (
    await admin.query<{ action: string; metadata: Record<string, unknown> }>(
      `SELECT action, metadata FROM audit_logs WHERE organization_id = $1 ORDER BY seq`,
      [organizationId],
    )
  ).rows;

const platformActions = async (organizationId: string) =>
  (
    await admin.query<{ action: string }>(
      `SELECT action FROM platform_audit_logs WHERE organization_id = $1 ORDER BY created_at`,
      [organizationId],
    )
  ).rows.map((r) => r.action);

describe("plans", () => {
  it("a platform admin changes the plan and overrides a limit, audited; the override holds at creation", async () => {
    const { org, user: owner } = await createTenant("Managed");
    const pa = await makePlatformAdmin(await createUser());
    const adminPlans = callerAs(pa).admin.plans;

    const moved = await adminPlans.setPlan({ id: org.id, plan: "PRO", reason: "signed contract" });
    expect(moved).toMatchObject({ plan: "PRO", limits: { maxProjects: 100 } });
    const overridden = await adminPlans.setOverride({
      id: org.id,
      limit: "maxProjects",
      value: 1,
      reason: "pilot: one project",
    });
    expect(overridden.limits.maxProjects).toBe(1);
    expect(overridden.overrides).toEqual([
      expect.objectContaining({ limit: "maxProjects", value: 1, reason: "pilot: one project" }),
    ]);

    // The owners see what the platform did, and why.
    expect(await auditActions(org.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: "organization.plan_change",
          metadata: expect.objectContaining({
            from: "FREE",
            to: "PRO",
            platformAdmin: true,
          }) as unknown,
        }),
        expect.objectContaining({
          action: "organization.limit_override",
          metadata: expect.objectContaining({ limit: "maxProjects", from: 100, to: 1 }) as unknown,
        }),
      ]),
    );
    expect(await platformActions(org.id)).toEqual([
      "organization.plan_change",
      "organization.limit_override",
    ]);

    // The override is the organization's limit wherever it is read: the usage page and project creation.
    const ownerApi = callerAs(owner, org.id);
    await expect(ownerApi.plan.usage()).resolves.toMatchObject({
      plan: "PRO",
      limits: { maxProjects: 1 },
    });
    await ownerApi.project.create({ name: "The one" });
    const refused = await expectTRPCError(
      ownerApi.project.create({ name: "One too many" }),
      "PRECONDITION_FAILED",
    );
    expect(refused.message).toBe(
      "This organization's limit allows 1 projects; upgrade the plan or free one up first",
    );

    // Cleared, the plan's limit is back.
    await adminPlans.clearOverride({ id: org.id, limit: "maxProjects", reason: "pilot over" });
    await expect(ownerApi.project.create({ name: "Now fine" })).resolves.toBeDefined();
    // Only platform admins reach the console.
    await expectTRPCError(
      callerAs(owner).admin.plans.setPlan({ id: org.id, plan: "ENTERPRISE", reason: "please" }),
      "FORBIDDEN",
    );
  });

  it("refuses a downgrade that would break a limit, naming what to remove first", async () => {
    const { org, user: owner } = await createTenant("Crowded");
    const pa = await makePlatformAdmin(await createUser());
    await callerAs(pa).admin.plans.setPlan({ id: org.id, plan: "PRO", reason: "trial" });
    // FREE allows 5 members and 3 projects: 8 members and 5 projects are 3 and 2 too many.
    for (let i = 0; i < 7; i += 1) await addMember(org.id, (await createUser()).id);
    for (let i = 0; i < 5; i += 1) await createProjectRow(org.id, `P${i}`);

    const api = callerAs(owner, org.id);
    const options = await api.plan.options();
    expect(options).toMatchObject({ current: "PRO", selfServiceUpgrades: false });
    expect(options.holdings).toMatchObject({ members: 8, projects: 5 });
    expect(options.plans.find((p) => p.plan === "FREE")).toMatchObject({
      direction: "downgrade",
      excess: [
        { limit: "maxMembers", noun: "members", count: 3 },
        { limit: "maxProjects", noun: "projects", count: 2 },
      ],
    });
    expect(options.plans.find((p) => p.plan === "ENTERPRISE")).toMatchObject({
      direction: "upgrade",
      excess: [],
    });

    const refused = await expectTRPCError(api.plan.change({ plan: "FREE" }), "PRECONDITION_FAILED");
    expect(refused.message).toBe(
      "This organization does not fit the FREE plan: remove 3 members and 2 projects first " +
        "(pending invitations count as members)",
    );
    await expect(api.plan.usage()).resolves.toMatchObject({ plan: "PRO" });

    // Once it fits, the owner moves down themselves (audited).
    await admin.query(
      `DELETE FROM memberships WHERE organization_id = $1 AND role <> 'OWNER'
         AND id IN (SELECT id FROM memberships WHERE organization_id = $1 AND role <> 'OWNER' LIMIT 3)`,
      [org.id],
    );
    await admin.query(
      `DELETE FROM projects WHERE id IN (SELECT id FROM projects WHERE organization_id = $1 LIMIT 2)`,
      [org.id],
    );
    await expect(api.plan.change({ plan: "FREE" })).resolves.toMatchObject({ current: "FREE" });
    expect((await auditActions(org.id)).map((a) => a.action)).toContain("organization.plan_change");
    // A member without billing.manage cannot.
    const member = await createUser();
    await addMember(org.id, member.id, "ADMIN");
    await expectTRPCError(callerAs(member, org.id).plan.change({ plan: "PRO" }), "FORBIDDEN");
  });

  it("an upgrade is a request the platform admins answer, and the requester hears back", async () => {
    const { org, user: owner } = await createTenant("Growing");
    const pa = await makePlatformAdmin(await createUser());
    const api = callerAs(owner, org.id);

    const direct = await expectTRPCError(api.plan.change({ plan: "PRO" }), "PRECONDITION_FAILED");
    expect(direct.message).toContain("request the PRO plan instead");

    const request = await api.plan.request.create({ plan: "PRO", message: "we hired" });
    expect(request).toMatchObject({ fromPlan: "FREE", toPlan: "PRO", status: "PENDING" });
    await expectTRPCError(api.plan.request.create({ plan: "ENTERPRISE" }), "CONFLICT");
    await expect(api.plan.options()).resolves.toMatchObject({
      pendingRequest: { id: request.id, toPlan: "PRO" },
    });

    const queue = await callerAs(pa).admin.plans.requests();
    expect(queue).toContainEqual(
      expect.objectContaining({
        id: request.id,
        organizationId: org.id,
        toPlan: "PRO",
        message: "we hired",
        requestedByEmail: owner.email,
      }),
    );
    // The queue is the platform admins' only.
    await expectTRPCError(callerAs(owner).admin.plans.requests(), "FORBIDDEN");

    await callerAs(pa).admin.plans.decide({
      organizationId: org.id,
      requestId: request.id,
      decision: "APPROVED",
      note: "welcome aboard",
    });
    await expect(api.plan.usage()).resolves.toMatchObject({ plan: "PRO" });
    expect((await callerAs(pa).admin.plans.requests()).map((r) => r.id)).not.toContain(request.id);
    const inbox = await api.notification.list({ limit: 10 });
    expect(inbox.items).toContainEqual(
      expect.objectContaining({
        kind: "PLAN_REQUEST",
        data: expect.objectContaining({ plan: "PRO", decision: "APPROVED" }) as unknown,
      }),
    );

    // A declined request leaves the plan as it was, and says so.
    const second = await api.plan.request.create({ plan: "ENTERPRISE" });
    await callerAs(pa).admin.plans.decide({
      organizationId: org.id,
      requestId: second.id,
      decision: "DECLINED",
      note: "talk to sales",
    });
    await expect(api.plan.usage()).resolves.toMatchObject({ plan: "PRO" });
    const after = await api.notification.list({ limit: 10 });
    expect(after.items).toContainEqual(
      expect.objectContaining({
        kind: "PLAN_REQUEST",
        data: expect.objectContaining({ plan: "ENTERPRISE", decision: "DECLINED" }) as unknown,
      }),
    );
    await expectTRPCError(
      callerAs(pa).admin.plans.decide({
        organizationId: org.id,
        requestId: second.id,
        decision: "APPROVED",
      }),
      "PRECONDITION_FAILED",
    );
    expect((await auditActions(org.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "organization.plan_request",
        "organization.plan_request_approve",
        "organization.plan_request_decline",
      ]),
    );
  });
});
