import { describe, expect, it } from "vitest";

import {
  addMembership,
  admin,
  callerAs,
  createTenant,
  createUser,
  expectTRPCError,
} from "../../../test/fixtures.ts";

describe("members", () => {
  it("lists the organization's members with their roles, and nobody else's", async () => {
    const { org, user: owner } = await createTenant();
    const other = await createTenant();
    const viewer = await createUser();
    await addMembership(org.id, viewer.id, "VIEWER");
    const list = await callerAs(viewer, org.id).member.list({});
    expect(list.items.map((m) => [m.userId, m.role, m.email])).toEqual([
      [owner.id, "OWNER", owner.email],
      [viewer.id, "VIEWER", viewer.email],
    ]);
    expect(list.items.map((m) => m.userId)).not.toContain(other.user.id);
  });

  it("protects the last owner from demotion, removal and leaving", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    const me = (await api.organization.current()).membershipId;
    const demote = await expectTRPCError(
      api.member.updateRole({ membershipId: me, role: "ADMIN" }),
      "PRECONDITION_FAILED",
    );
    expect(demote.message).toBe(
      "The last owner cannot be demoted; make another member an owner first",
    );
    await expectTRPCError(api.member.leave(), "PRECONDITION_FAILED");
    await expectTRPCError(api.member.remove({ membershipId: me }), "PRECONDITION_FAILED");
    expect((await api.organization.current()).role).toBe("OWNER");

    // With a second owner, the first may step down, and then the second is the last one.
    const second = await createUser();
    const secondId = await addMembership(org.id, second.id, "OWNER");
    await api.member.updateRole({ membershipId: me, role: "ADMIN" });
    await expectTRPCError(callerAs(second, org.id).member.leave(), "PRECONDITION_FAILED");
    await expectTRPCError(
      api.member.remove({ membershipId: secondId }),
      "FORBIDDEN", // an admin cannot remove an owner at all
    );
  });

  it("serializes two owners demoting each other so one owner always remains", async () => {
    const { org, user: a } = await createTenant();
    const b = await createUser();
    const bId = await addMembership(org.id, b.id, "OWNER");
    const aId = (await callerAs(a, org.id).organization.current()).membershipId;
    const results = await Promise.allSettled([
      callerAs(a, org.id).member.updateRole({ membershipId: bId, role: "ADMIN" }),
      callerAs(b, org.id).member.updateRole({ membershipId: aId, role: "ADMIN" }),
    ]);
    const { rows } = await admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM memberships WHERE organization_id = $1 AND role = 'OWNER'",
      [org.id],
    );
    expect(rows[0]?.n).toBe(1);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses escalation: an admin cannot make owners, demote owners or grant beyond their role", async () => {
    const { org, user: owner } = await createTenant();
    const adminUser = await createUser();
    await addMembership(org.id, adminUser.id, "ADMIN");
    const member = await createUser();
    const memberId = await addMembership(org.id, member.id, "MEMBER");
    const ownerId = (await callerAs(owner, org.id).organization.current()).membershipId;
    const asAdmin = callerAs(adminUser, org.id);

    const e1 = await expectTRPCError(
      asAdmin.member.updateRole({ membershipId: memberId, role: "OWNER" }),
      "FORBIDDEN",
    );
    expect(e1.message).toBe("Only an owner can grant the OWNER role");
    await expectTRPCError(
      asAdmin.member.updateRole({ membershipId: ownerId, role: "VIEWER" }),
      "FORBIDDEN",
    );
    // A member cannot promote themselves either.
    const myId = (await callerAs(member, org.id).organization.current()).membershipId;
    await expectTRPCError(
      callerAs(member, org.id).member.updateRole({ membershipId: myId, role: "ADMIN" }),
      "FORBIDDEN",
    );
    expect(
      await asAdmin.member.updateRole({ membershipId: memberId, role: "ADMIN" }),
    ).toMatchObject({ role: "ADMIN", customRole: null });
    const { rows } = await admin.query("SELECT role FROM memberships WHERE id = ANY($1)", [
      [ownerId, memberId],
    ]);
    expect(rows.map((r: { role: string }) => r.role).sort()).toEqual(["ADMIN", "OWNER"]);
  });

  it("cuts a removed member off on their next request, and a demotion applies on the next one", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    const m = await createUser();
    const mId = await addMembership(org.id, m.id, "ADMIN");
    const asM = callerAs(m, org.id);
    expect((await asM.member.list({})).items).toHaveLength(2);

    await api.member.updateRole({ membershipId: mId, role: "VIEWER" });
    await expectTRPCError(asM.invitation.list(), "FORBIDDEN");
    expect((await asM.member.list({})).items).toHaveLength(2);

    await api.member.remove({ membershipId: mId });
    const error = await expectTRPCError(asM.member.list({}), "FORBIDDEN");
    expect(error.message).toBe("You are not a member of this organization");
    const audit = await api.audit.list({ targetType: "membership" });
    expect(audit.items.map((e) => e.action)).toEqual(["member.remove", "member.update_role"]);
    expect(audit.items[1]?.metadata).toMatchObject({ from: "ADMIN", to: "VIEWER" });
  });

  it("lets a member leave, after which the organization is gone from their list", async () => {
    const { org } = await createTenant();
    const m = await createUser();
    await addMembership(org.id, m.id, "MEMBER");
    const asM = callerAs(m, org.id);
    expect((await asM.organization.mine()).map((o) => o.id)).toEqual([org.id]);
    await asM.member.leave();
    expect(await asM.organization.mine()).toEqual([]);
    await expectTRPCError(asM.organization.current(), "FORBIDDEN");
  });

  it("does not touch another organization's membership", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const bOwnerId = (await callerAs(b.user, b.org.id).organization.current()).membershipId;
    await expectTRPCError(
      callerAs(a.user, a.org.id).member.remove({ membershipId: bOwnerId }),
      "NOT_FOUND",
    );
    await expectTRPCError(
      callerAs(a.user, a.org.id).member.updateRole({ membershipId: bOwnerId, role: "VIEWER" }),
      "NOT_FOUND",
    );
  });
});
