import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";

import {
  addMembership,
  admin,
  callerAs,
  createTenant,
  createUser,
  expectTRPCError,
  setOrganizationState,
} from "../../../test/fixtures.ts";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("invitations", () => {
  it("invites by email, and the invited user accepts once with the same email (any case)", async () => {
    const { org, user: owner } = await createTenant();
    const invitee = await createUser();
    // Stored with different case than the invitation: the comparison is case-insensitive.
    await admin.query("UPDATE users SET email = upper(email) WHERE id = $1", [invitee.id]);
    const api = callerAs(owner, org.id);
    const { invitation, token, acceptPath } = await api.invitation.create({
      email: invitee.email.toUpperCase(),
      role: "ADMIN",
    });
    expect(invitation).toMatchObject({ email: invitee.email, role: "ADMIN", status: "PENDING" });
    expect(acceptPath).toBe(`/invite/${token}`);
    const expires = invitation.expiresAt.getTime() - Date.now();
    expect(expires).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    expect(expires).toBeLessThanOrEqual(7 * 24 * 3600_000);

    // Only the hash of the secret is stored.
    const secret = token.split(".")[2] ?? "";
    expect(token.startsWith(`${org.id}.${invitation.id}.`)).toBe(true);
    const { rows } = await admin.query("SELECT token_hash FROM invitations WHERE id = $1", [
      invitation.id,
    ]);
    expect(rows).toEqual([{ token_hash: sha256(secret) }]);
    expect(JSON.stringify(await api.invitation.list())).not.toContain(secret);

    const asInvitee = callerAs(invitee, null);
    const preview = await asInvitee.invitation.preview({ token });
    expect(preview).toMatchObject({
      organization: { slug: org.slug },
      role: "ADMIN",
      emailMatches: true,
    });
    const accepted = await asInvitee.invitation.accept({ token });
    expect(accepted.organization).toMatchObject({ id: org.id, slug: org.slug });
    const current = await callerAs(invitee, org.slug).organization.current();
    expect(current).toMatchObject({ id: org.id, role: "ADMIN" });

    const again = await expectTRPCError(
      asInvitee.invitation.accept({ token }),
      "PRECONDITION_FAILED",
    );
    expect(again.message).toBe("This invitation has already been used");
    expect(await api.invitation.list()).toEqual([]);
    const audit = await api.audit.list({});
    expect(audit.items.map((e) => e.action).slice(0, 2)).toEqual([
      "invitation.accept",
      "invitation.create",
    ]);
  });

  it("emails the invitee the accept link, again on resend, and nothing for a refused invitation", async () => {
    const { org, user: owner } = await createTenant("Mail Org");
    const api = callerAs(owner, org.id);
    const invitee = await createUser();
    const mails = async () =>
      (
        await admin.query<{ subject: string; text: string }>(
          `SELECT subject, text FROM mail_outbox WHERE "to" = $1 ORDER BY created_at, id`,
          [invitee.email],
        )
      ).rows;

    const first = await api.invitation.create({ email: invitee.email, role: "MEMBER" });
    const resent = await api.invitation.resend({ id: first.invitation.id });
    const sent = await mails();
    expect(sent).toHaveLength(2);
    expect(sent[0]?.subject).toBe(`${owner.name} invited you to Mail Org on Tenantry`);
    expect(sent[0]?.text).toContain(`/invite/${first.token}`);
    expect(sent[1]?.text).toContain(`/invite/${resent.token}`);

    // A refused invitation (a duplicate) sends nothing.
    await expectTRPCError(
      api.invitation.create({ email: invitee.email, role: "MEMBER" }),
      "CONFLICT",
    );
    expect(await mails()).toHaveLength(2);
  });

  it("refuses a user signed in with a different email", async () => {
    const { org, user: owner } = await createTenant();
    const { token } = await callerAs(owner, org.id).invitation.create({
      email: "someone-else@example.test",
      role: "MEMBER",
    });
    const intruder = await createUser();
    const error = await expectTRPCError(
      callerAs(intruder, null).invitation.accept({ token }),
      "FORBIDDEN",
    );
    expect(error.message).toContain("sent to someone-else@example.test");
    expect((await callerAs(intruder, null).invitation.preview({ token })).emailMatches).toBe(false);
    await expectTRPCError(callerAs(intruder, org.id).organization.current(), "FORBIDDEN");
  });

  it("refuses an expired invitation, and an anonymous caller", async () => {
    const { org, user: owner } = await createTenant();
    const invitee = await createUser();
    const { invitation, token } = await callerAs(owner, org.id).invitation.create({
      email: invitee.email,
      role: "MEMBER",
    });
    await expectTRPCError(callerAs(null).invitation.accept({ token }), "UNAUTHORIZED");
    await admin.query(
      "UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1",
      [invitation.id],
    );
    const error = await expectTRPCError(
      callerAs(invitee, null).invitation.accept({ token }),
      "PRECONDITION_FAILED",
    );
    expect(error.message).toBe("This invitation has expired; ask for a new one");
    expect((await callerAs(owner, org.id).invitation.list())[0]?.expired).toBe(true);
  });

  it("treats tampered or forged tokens as invalid without revealing anything", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const invitee = await createUser();
    const { token } = await callerAs(a.user, a.org.id).invitation.create({
      email: invitee.email,
      role: "MEMBER",
    });
    const [orgId, invId, secret] = token.split(".") as [string, string, string];
    const flipped = `${orgId}.${invId}.${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
    const foreignOrg = `${b.org.id}.${invId}.${secret}`;
    for (const bad of [flipped, foreignOrg]) {
      const error = await expectTRPCError(
        callerAs(invitee, null).invitation.accept({ token: bad }),
        "NOT_FOUND",
      );
      expect(error.message).toBe("This invitation link is invalid");
    }
    await expectTRPCError(
      callerAs(invitee, null).invitation.accept({ token: "not-a-token" }),
      "BAD_REQUEST",
    );
    expect(await callerAs(invitee, null).organization.mine()).toEqual([]);
  });

  it("revokes, and resends with a new token that replaces the old one", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    const invitee = await createUser();
    const first = await api.invitation.create({ email: invitee.email, role: "VIEWER" });
    await expectTRPCError(
      api.invitation.create({ email: invitee.email, role: "VIEWER" }),
      "CONFLICT",
    );
    const resent = await api.invitation.resend({ id: first.invitation.id });
    expect(resent.token).not.toBe(first.token);
    await expectTRPCError(
      callerAs(invitee, null).invitation.accept({ token: first.token }),
      "NOT_FOUND",
    );
    await api.invitation.revoke({ id: first.invitation.id });
    const error = await expectTRPCError(
      callerAs(invitee, null).invitation.accept({ token: resent.token }),
      "PRECONDITION_FAILED",
    );
    expect(error.message).toBe("This invitation has been revoked");
    // After revoking, the same email can be invited again.
    const fresh = await api.invitation.create({ email: invitee.email, role: "VIEWER" });
    await callerAs(invitee, null).invitation.accept({ token: fresh.token });
    expect((await callerAs(invitee, org.id).organization.current()).role).toBe("VIEWER");
    await expectTRPCError(
      api.invitation.create({ email: invitee.email, role: "VIEWER" }),
      "CONFLICT",
    );
  });

  it("refuses to invite with a role the inviter does not hold", async () => {
    const { org, user: owner } = await createTenant();
    const adminUser = await createUser();
    await addMembership(org.id, adminUser.id, "ADMIN");
    const asAdmin = callerAs(adminUser, org.id);
    await expectTRPCError(
      asAdmin.invitation.create({ email: "boss@example.test", role: "OWNER" }),
      "FORBIDDEN",
    );
    const biller = await callerAs(owner, org.id).role.create({
      name: "Biller",
      permissions: ["organization.read", "billing.manage"],
    });
    await expectTRPCError(
      asAdmin.invitation.create({ email: "b@example.test", customRoleId: biller.id }),
      "FORBIDDEN",
    );
    const viewer = await createUser();
    await addMembership(org.id, viewer.id, "VIEWER");
    await expectTRPCError(
      callerAs(viewer, org.id).invitation.create({ email: "v@example.test", role: "VIEWER" }),
      "FORBIDDEN",
    );
    const { rows } = await admin.query(
      "SELECT count(*)::int AS n FROM invitations WHERE organization_id = $1",
      [org.id],
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it("gives the accepted membership the invitation's custom role", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    const role = await api.role.create({ name: "Guest", permissions: ["organization.read"] });
    const guest = await createUser();
    const { token } = await api.invitation.create({ email: guest.email, customRoleId: role.id });
    await callerAs(guest, null).invitation.accept({ token });
    const current = await callerAs(guest, org.id).organization.current();
    expect(current.customRole).toEqual({ id: role.id, name: "Guest" });
    expect(current.permissions).toEqual(["organization.read"]);
    await expectTRPCError(callerAs(guest, org.id).member.list({}), "FORBIDDEN");
  });

  it("restricts invitations to the allowed email domains when set", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    await api.organization.update({ allowedEmailDomains: ["Acme.example", "acme.example"] });
    expect((await api.organization.current()).allowedEmailDomains).toEqual(["acme.example"]);
    const error = await expectTRPCError(
      api.invitation.create({ email: "x@other.example", role: "MEMBER" }),
      "FORBIDDEN",
    );
    expect(error.message).toContain("acme.example");
    const ok = await api.invitation.create({ email: "x@ACME.example", role: "MEMBER" });
    expect(ok.invitation.email).toBe("x@acme.example");
  });

  it("counts pending invitations against the plan's member limit", async () => {
    const { org, user: owner } = await createTenant(); // FREE: 5 members
    const api = callerAs(owner, org.id);
    await addMembership(org.id, (await createUser()).id, "MEMBER");
    const first = await api.invitation.create({ email: "i1@example.test", role: "MEMBER" });
    await api.invitation.create({ email: "i2@example.test", role: "MEMBER" });
    await api.invitation.create({ email: "i3@example.test", role: "MEMBER" });
    const error = await expectTRPCError(
      api.invitation.create({ email: "i4@example.test", role: "MEMBER" }),
      "PRECONDITION_FAILED",
    );
    expect(error.message).toBe(
      "The FREE plan allows 5 members (including pending invitations); upgrade the plan or free one up first",
    );
    expect(await api.plan.usage()).toMatchObject({
      plan: "FREE",
      usage: { members: 2, pendingInvitations: 3 },
      limits: { maxMembers: 5 },
    });
    await api.invitation.revoke({ id: first.invitation.id });
    await api.invitation.create({ email: "i4@example.test", role: "MEMBER" });
    await setOrganizationState(org.id, { plan: "PRO" });
    await api.invitation.create({ email: "i5@example.test", role: "MEMBER" });
  });

  it("hands out the last seat to exactly one of several concurrent invitations", async () => {
    const { org, user: owner } = await createTenant();
    for (let i = 0; i < 3; i++) await addMembership(org.id, (await createUser()).id, "MEMBER");
    const api = callerAs(owner, org.id);
    const results = await Promise.allSettled(
      ["r1", "r2", "r3"].map((n) =>
        api.invitation.create({ email: `${n}@example.test`, role: "MEMBER" }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const { rows } = await admin.query(
      "SELECT count(*)::int AS n FROM invitations WHERE organization_id = $1",
      [org.id],
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it("does not admit new members into a suspended organization", async () => {
    const { org, user: owner } = await createTenant();
    const invitee = await createUser();
    const { token } = await callerAs(owner, org.id).invitation.create({
      email: invitee.email,
      role: "MEMBER",
    });
    await setOrganizationState(org.id, { status: "SUSPENDED" });
    await expectTRPCError(
      callerAs(invitee, null).invitation.accept({ token }),
      "PRECONDITION_FAILED",
    );
  });
});
