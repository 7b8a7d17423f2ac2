import { describe, expect, it } from "vitest";

import { withTenantTransaction } from "@tenantry/db";

import {
  admin,
  callerAs,
  createTenant,
  createUser,
  db,
  expectTRPCError,
  makePlatformAdmin,
  setOrganizationState,
} from "../../../test/fixtures.ts";

describe("platform admin console", () => {
  it("is closed to users without the platform-admin role", async () => {
    const { org, user: owner } = await createTenant();
    const error = await expectTRPCError(callerAs(owner).admin.organizations.list({}), "FORBIDDEN");
    expect(error.message).toBe("This needs the platform-admin role");
    await expectTRPCError(
      callerAs(owner).admin.organizations.suspend({ id: org.id, reason: "because" }),
      "FORBIDDEN",
    );
    await expectTRPCError(callerAs(null).admin.users.list({}), "UNAUTHORIZED");
  });

  it("searches organizations across tenants without being a member", async () => {
    const a = await createTenant("Zebra Findable Co");
    await createTenant("Other");
    const pa = await makePlatformAdmin(await createUser());
    const found = await callerAs(pa).admin.organizations.list({ query: "zebra findable" });
    expect(found.items.map((o) => o.id)).toEqual([a.org.id]);
    // The cross-tenant read is the one thing the flag allows: tenant tables stay closed without app.org_id.
    expect(await callerAs(pa).organization.mine()).toEqual([]);
  });

  it("only lets an active platform admin's transaction read across tenants (the policy re-checks the role)", async () => {
    const { org } = await createTenant();
    const plain = await createUser();
    const seen = await withTenantTransaction(db, { userId: plain.id }, async (tx) => {
      await tx.$queryRaw`SELECT set_config('app.platform_admin', 'on', true)`;
      return tx.organization.findMany({ where: { id: org.id }, select: { id: true } });
    });
    expect(seen).toEqual([]);
  });

  it("suspends with a reason (read-only for members, audited in the org), then reinstates", async () => {
    const { org, user: owner } = await createTenant();
    const pa = await makePlatformAdmin(await createUser());
    const api = callerAs(pa);
    const suspended = await api.admin.organizations.suspend({
      id: org.id,
      reason: "Unpaid invoices",
    });
    expect(suspended).toMatchObject({ status: "SUSPENDED", statusReason: "Unpaid invoices" });

    const asOwner = callerAs(owner, org.id);
    expect(await asOwner.organization.current()).toMatchObject({
      status: "SUSPENDED",
      statusReason: "Unpaid invoices",
    });
    await expectTRPCError(asOwner.organization.update({ name: "X" }), "FORBIDDEN");
    await expectTRPCError(
      api.admin.organizations.suspend({ id: org.id, reason: "again" }),
      "PRECONDITION_FAILED",
    );

    await api.admin.organizations.reinstate({ id: org.id, reason: "Paid" });
    expect((await asOwner.organization.update({ name: "Back" })).name).toBe("Back");

    const detail = await api.admin.organizations.get({ id: org.id });
    expect(detail).toMatchObject({
      status: "ACTIVE",
      memberCount: 1,
      owners: [{ userId: owner.id }],
    });
    expect(detail.history.slice(0, 2)).toMatchObject([
      { action: "organization.reinstate", reason: "Paid", actorEmail: pa.email },
      { action: "organization.suspend", reason: "Unpaid invoices", actorEmail: pa.email },
    ]);
    const audit = await asOwner.audit.list({ targetType: "organization" });
    expect(audit.items.map((e) => e.action)).toContain("organization.suspend");
  });

  it("restores a soft-deleted organization within 30 days", async () => {
    const { org, user: owner } = await createTenant();
    await setOrganizationState(org.id, { status: "DELETED", deletedAt: new Date() });
    const pa = await makePlatformAdmin(await createUser());
    await callerAs(pa).admin.organizations.restore({ id: org.id, reason: "Deleted by mistake" });
    expect((await callerAs(owner, org.id).member.list({})).items).toHaveLength(1);
  });

  it("suspends a user with a reason and history; they are cut off on the next request", async () => {
    const { org, user } = await createTenant();
    const pa = await makePlatformAdmin(await createUser());
    const api = callerAs(pa);
    expect((await callerAs(user, org.id).organization.current()).id).toBe(org.id);
    await api.admin.users.setStatus({ id: user.id, status: "SUSPENDED", reason: "Spam reports" });
    await expectTRPCError(callerAs(user, org.id).organization.current(), "UNAUTHORIZED");
    await api.admin.users.setStatus({ id: user.id, status: "ACTIVE", reason: "Cleared" });
    expect((await callerAs(user, org.id).organization.current()).id).toBe(org.id);

    const history = await api.admin.users.history({ id: user.id });
    expect(history.map((h) => [h.status, h.reason, h.actor?.email])).toEqual([
      ["ACTIVE", "Cleared", pa.email],
      ["SUSPENDED", "Spam reports", pa.email],
    ]);
    await expectTRPCError(
      api.admin.users.setStatus({ id: pa.id, status: "SUSPENDED", reason: "self" }),
      "BAD_REQUEST",
    );
    const found = await api.admin.users.list({ query: user.email.toUpperCase() });
    expect(found.items.map((u) => u.id)).toEqual([user.id]);
    const { rows } = await admin.query("SELECT status FROM users WHERE id = $1", [user.id]);
    expect(rows).toEqual([{ status: "ACTIVE" }]);
  });
});
