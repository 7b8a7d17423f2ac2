// The platform audit log: every platform-admin mutation leaves an entry in its own transaction, only platform admins
// can read the log, and the bootstrap CLI's grant is recorded with actor "CLI".
import { afterAll, describe, expect, inject, it } from "vitest";

import { grantPlatformAdminByEmail } from "@tenantry/core/admin/index";
import { createDb, withTenantTransaction } from "@tenantry/db";

import {
  addMembership,
  admin,
  callerAs,
  createTenant,
  createUser,
  db,
  expectTRPCError,
  makePlatformAdmin,
  setOrganizationState,
} from "../../../test/fixtures.ts";

const entriesAbout = async (pa: { id: string; email: string; name: string }, targetId: string) =>
  (await callerAs(pa).admin.audit.list({ targetId, limit: 100 })).items;

describe("platform audit log", () => {
  it("records every organization and license action with actor, organization and reason", async () => {
    const { org } = await createTenant();
    const pa = await makePlatformAdmin(await createUser());
    const api = callerAs(pa);
    await api.admin.organizations.suspend({ id: org.id, reason: "Unpaid invoices" });
    await api.admin.organizations.reinstate({ id: org.id, reason: "Paid" });
    await setOrganizationState(org.id, { status: "DELETED", deletedAt: new Date() });
    await api.admin.organizations.restore({ id: org.id, reason: "Deleted by mistake" });
    const license = await api.admin.licenses.issue({
      organizationId: org.id,
      type: "STANDARD",
      seats: 3,
      expiresAt: null,
    });
    await api.admin.licenses.setStatus({
      organizationId: org.id,
      id: license.id,
      status: "SUSPENDED",
      reason: "Chargeback",
    });

    const aboutOrg = await entriesAbout(pa, org.id);
    expect(aboutOrg.map((e) => [e.action, e.metadata.reason])).toEqual([
      ["organization.restore", "Deleted by mistake"],
      ["organization.reinstate", "Paid"],
      ["organization.suspend", "Unpaid invoices"],
    ]);
    expect(aboutOrg[2]).toMatchObject({
      actorType: "USER",
      actor: { id: pa.id, email: pa.email },
      targetType: "organization",
      organizationId: org.id,
      metadata: { from: "ACTIVE", to: "SUSPENDED" },
    });
    const aboutLicense = await entriesAbout(pa, license.id);
    expect(aboutLicense).toMatchObject([
      {
        action: "license.set_status",
        organizationId: org.id,
        metadata: { from: "ACTIVE", to: "SUSPENDED", reason: "Chargeback" },
      },
      { action: "license.issue", organizationId: org.id, metadata: { type: "STANDARD", seats: 3 } },
    ]);
    // Filters: by organization, and by action.
    const byOrg = await api.admin.audit.list({ organizationId: org.id, limit: 100 });
    expect(byOrg.items).toHaveLength(5);
    const suspends = await api.admin.audit.list({
      organizationId: org.id,
      action: "organization.suspend",
    });
    expect(suspends.items.map((e) => e.targetLabel)).toEqual(["Org"]);
  });

  it("records user status changes, unlocks, session revocations and platform-role changes", async () => {
    const { user } = await createTenant();
    const pa = await makePlatformAdmin(await createUser());
    const api = callerAs(pa);
    await admin.query(
      "UPDATE users SET failed_sign_in_count = 12, locked_until = now() + interval '10 minutes' WHERE id = $1",
      [user.id],
    );
    await api.admin.users.setStatus({ id: user.id, status: "SUSPENDED", reason: "Spam reports" });
    await api.auth.admin.revokeSessions({ userId: user.id, reason: "Suspended for spam" });
    await api.admin.users.setStatus({ id: user.id, status: "ACTIVE", reason: "Cleared" });
    expect(await api.auth.admin.unlock({ userId: user.id })).toMatchObject({ locked: false });
    await api.admin.users.setPlatformRole({
      id: user.id,
      platformRole: "ADMIN",
      reason: "Joined support",
    });
    await api.admin.users.setPlatformRole({ id: user.id, platformRole: "USER", reason: "Left" });

    const entries = await entriesAbout(pa, user.id);
    expect(entries.map((e) => [e.action, e.metadata])).toEqual([
      ["user.set_platform_role", { from: "ADMIN", to: "USER", reason: "Left" }],
      ["user.set_platform_role", { from: "USER", to: "ADMIN", reason: "Joined support" }],
      ["user.unlock", { wasLocked: true, failedSignInCount: 12, reason: null }],
      ["user.reactivate", { from: "SUSPENDED", to: "ACTIVE", reason: "Cleared" }],
      ["user.revoke_sessions", { revoked: 0, reason: "Suspended for spam" }],
      ["user.suspend", { from: "ACTIVE", to: "SUSPENDED", reason: "Spam reports" }],
    ]);
    expect(entries.every((e) => e.actor?.id === pa.id && e.targetLabel === user.email)).toBe(true);
  });

  it("pages newest first with a bounded limit", async () => {
    const pa = await makePlatformAdmin(await createUser());
    const target = await createUser();
    for (let i = 0; i < 3; i++) await callerAs(pa).auth.admin.unlock({ userId: target.id });
    const first = await callerAs(pa).admin.audit.list({ targetId: target.id, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe(first.items[1]?.id);
    const second = await callerAs(pa).admin.audit.list({
      targetId: target.id,
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(second).toMatchObject({ items: [{ action: "user.unlock" }], nextCursor: null });
    await expectTRPCError(callerAs(pa).admin.audit.list({ limit: 101 }), "BAD_REQUEST");
  });

  it("is not readable by non-admins, nor by a tenant transaction about its own organization", async () => {
    const { org, user: owner } = await createTenant();
    const pa = await makePlatformAdmin(await createUser());
    await callerAs(pa).admin.organizations.suspend({ id: org.id, reason: "Abuse report" });
    await expectTRPCError(callerAs(owner).admin.audit.list({}), "FORBIDDEN");
    await expectTRPCError(callerAs(null).admin.audit.list({}), "UNAUTHORIZED");
    const seen = await withTenantTransaction(
      db,
      { userId: owner.id, organizationId: org.id, role: "OWNER" },
      (tx) => tx.platformAuditLog.findMany({ where: { organizationId: org.id } }),
    );
    expect(seen).toEqual([]);
    // The organization's own audit log still tells its owners what the platform did.
    const own = await callerAs(owner, org.id).audit.list({ targetType: "organization" });
    expect(own.items.map((e) => e.action)).toContain("organization.suspend");
  });

  it("writes nothing when the action fails", async () => {
    const pa = await makePlatformAdmin(await createUser());
    const other = await makePlatformAdmin(await createUser());
    const self = await expectTRPCError(
      callerAs(pa).admin.users.setPlatformRole({
        id: pa.id,
        platformRole: "USER",
        reason: "Myself",
      }),
      "BAD_REQUEST",
    );
    expect(self.message).toBe("You cannot change your own platform role");
    await expectTRPCError(
      callerAs(pa).admin.users.setPlatformRole({
        id: other.id,
        platformRole: "ADMIN",
        reason: "again",
      }),
      "PRECONDITION_FAILED",
    );
    expect(await entriesAbout(pa, pa.id)).toEqual([]);
    expect(await entriesAbout(pa, other.id)).toEqual([]);
  });
});

describe("platform roles", () => {
  it("lets an admin grant and remove the role of others, never their own", async () => {
    const pa = await makePlatformAdmin(await createUser());
    const user = await createUser();
    await expectTRPCError(callerAs(user).admin.users.list({}), "FORBIDDEN");
    const granted = await callerAs(pa).admin.users.setPlatformRole({
      id: user.id,
      platformRole: "ADMIN",
      reason: "On call",
    });
    expect(granted.platformRole).toBe("ADMIN");
    expect((await callerAs(user).admin.users.get({ id: pa.id })).platformRole).toBe("ADMIN");
    const self = await expectTRPCError(
      callerAs(user).admin.users.setPlatformRole({
        id: user.id,
        platformRole: "USER",
        reason: "Step down",
      }),
      "BAD_REQUEST",
    );
    expect(self.message).toBe("You cannot change your own platform role");
    await callerAs(pa).admin.users.setPlatformRole({
      id: user.id,
      platformRole: "USER",
      reason: "Rotation over",
    });
    await expectTRPCError(callerAs(user).admin.users.list({}), "FORBIDDEN");
    await expectTRPCError(
      callerAs(user).admin.users.setPlatformRole({
        id: pa.id,
        platformRole: "USER",
        reason: "revenge",
      }),
      "FORBIDDEN",
    );
  });

  it("never leaves the platform without an admin when two admins demote each other at once", async () => {
    const a = await makePlatformAdmin(await createUser());
    const b = await makePlatformAdmin(await createUser());
    const results = await Promise.allSettled([
      callerAs(a).admin.users.setPlatformRole({ id: b.id, platformRole: "USER", reason: "a->b" }),
      callerAs(b).admin.users.setPlatformRole({ id: a.id, platformRole: "USER", reason: "b->a" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const { rows } = await admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM users WHERE id = ANY($1) AND platform_role = 'ADMIN'",
      [[a.id, b.id]],
    );
    expect(rows).toEqual([{ n: 1 }]);
  });
});

describe("admin.users.get", () => {
  it("shows the account with its organizations and roles", async () => {
    const { org, user } = await createTenant("Alpha Co");
    const second = await createTenant("Beta Co");
    await addMembership(second.org.id, user.id, "VIEWER");
    const pa = await makePlatformAdmin(await createUser());
    const detail = await callerAs(pa).admin.users.get({ id: user.id });
    expect(detail).toMatchObject({
      id: user.id,
      email: user.email,
      name: user.name,
      status: "ACTIVE",
      platformRole: "USER",
      emailVerified: false,
      memberships: [
        { organizationId: org.id, organizationName: "Alpha Co", role: "OWNER" },
        { organizationId: second.org.id, organizationName: "Beta Co", role: "VIEWER" },
      ],
    });
    await expectTRPCError(callerAs(user).admin.users.get({ id: user.id }), "FORBIDDEN");
    await expectTRPCError(
      callerAs(pa).admin.users.get({ id: "0190a000-0000-7000-8000-000000000000" }),
      "NOT_FOUND",
    );
  });
});

describe("pnpm admin:grant (grantPlatformAdminByEmail)", () => {
  // The CLI connects as the migration owner (a superuser here), not as the application role.
  const owner = createDb({ connectionString: inject("database").adminUrl, poolMax: 1 });
  afterAll(() => owner.$disconnect());

  it("grants the role as the database owner, audited with actor CLI", async () => {
    const user = await createUser();
    const result = await owner.$transaction((tx) =>
      grantPlatformAdminByEmail(tx, { email: user.email.toUpperCase(), reason: "bootstrap" }),
    );
    expect(result).toEqual({ userId: user.id, created: false, alreadyAdmin: false });
    const entries = await entriesAbout(user, user.id);
    expect(entries).toMatchObject([
      {
        actorType: "CLI",
        actor: null,
        action: "user.set_platform_role",
        metadata: { from: "USER", to: "ADMIN", reason: "bootstrap" },
      },
    ]);
    const again = await owner.$transaction((tx) =>
      grantPlatformAdminByEmail(tx, { email: user.email, reason: "bootstrap" }),
    );
    expect(again.alreadyAdmin).toBe(true);
  });

  it("creates a verified account when asked", async () => {
    const email = `cli-${Date.now()}@example.test`;
    const result = await owner.$transaction((tx) =>
      grantPlatformAdminByEmail(tx, {
        email,
        reason: "bootstrap",
        create: { name: "Ops", passwordHash: "not-a-real-hash" },
      }),
    );
    expect(result.created).toBe(true);
    const { rows } = await admin.query(
      "SELECT platform_role, email_verified IS NOT NULL AS verified FROM users WHERE email = $1",
      [email],
    );
    expect(rows).toEqual([{ platform_role: "ADMIN", verified: true }]);
  });

  it("cannot be replayed through the application role: the audit insert is refused and nothing changes", async () => {
    const user = await createUser();
    const attempt = withTenantTransaction(db, { userId: user.id }, (tx) =>
      grantPlatformAdminByEmail(tx, { email: user.email, reason: "sneaky" }),
    );
    await expect(attempt).rejects.toThrow();
    const { rows } = await admin.query("SELECT platform_role FROM users WHERE id = $1", [user.id]);
    expect(rows).toEqual([{ platform_role: "USER" }]);
  });
});
