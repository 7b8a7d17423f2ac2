// Invitations addressed to an existing user show up in that user's own list (the bell) without a membership, through
// invitations_for_current_user(); accepting or declining from it checks the verified email in the inviting tenant.
import { describe, expect, it } from "vitest";

import type { TestUser } from "../../../test/fixtures.ts";
import {
  admin,
  callerAs,
  createTenant,
  createUser,
  expectTRPCError,
} from "../../../test/fixtures.ts";

async function verifiedUser(): Promise<TestUser> {
  const user = await createUser();
  await admin.query("UPDATE users SET email_verified = now() WHERE id = $1", [user.id]);
  return user;
}

const mailsTo = async (email: string) =>
  (await admin.query(`SELECT subject FROM mail_outbox WHERE "to" = $1`, [email])).rows.length;

describe("invitations addressed to the signed-in user", () => {
  it("shows the invitee the organization, inviter and role only; nobody else sees it; accept joins", async () => {
    const { org, user: owner } = await createTenant("Acme Invitee");
    const invitee = await verifiedUser();
    const other = await verifiedUser();
    const { invitation } = await callerAs(owner, org.id).invitation.create({
      email: invitee.email,
      role: "MEMBER",
    });

    const mine = await callerAs(invitee, null).invitation.mine();
    expect(mine).toEqual([
      {
        id: invitation.id,
        organizationId: org.id,
        organizationName: "Acme Invitee",
        role: "MEMBER",
        customRoleName: null,
        invitedByName: owner.name,
        expiresAt: invitation.expiresAt,
        createdAt: invitation.createdAt,
      },
    ]);
    // The invitee is not a member: the tenant notification list is closed to them.
    await expectTRPCError(callerAs(invitee, org.id).notification.list({}), "FORBIDDEN");
    expect(await callerAs(other, null).invitation.mine()).toEqual([]);
    // Another user cannot accept or decline it by naming its ids.
    const ids = { organizationId: org.id, id: invitation.id };
    await expectTRPCError(callerAs(other, null).invitation.acceptMine(ids), "NOT_FOUND");
    await expectTRPCError(callerAs(other, null).invitation.declineMine(ids), "NOT_FOUND");
    // The invitation email went out once, and no tenant notification was written for the invitee.
    expect(await mailsTo(invitee.email)).toBe(1);

    const accepted = await callerAs(invitee, null).invitation.acceptMine(ids);
    expect(accepted.organization).toMatchObject({ id: org.id, slug: org.slug });
    expect(await callerAs(invitee, org.slug).organization.current()).toMatchObject({
      id: org.id,
      role: "MEMBER",
    });
    expect(await callerAs(invitee, null).invitation.mine()).toEqual([]);
    // The inviter's notice is its own kind.
    const ownerInbox = await callerAs(owner, org.id).notification.list({});
    expect(ownerInbox.items.map((n) => n.kind)).toEqual(["INVITATION_ACCEPTED"]);
  });

  it("hides revoked, declined and expired invitations, and an unverified email sees none", async () => {
    const { org, user: owner } = await createTenant();
    const api = callerAs(owner, org.id);
    const invitee = await verifiedUser();
    const asInvitee = callerAs(invitee, null);

    const first = await api.invitation.create({ email: invitee.email, role: "MEMBER" });
    expect(await asInvitee.invitation.mine()).toHaveLength(1);
    await api.invitation.revoke({ id: first.invitation.id });
    expect(await asInvitee.invitation.mine()).toEqual([]);
    await expectTRPCError(
      asInvitee.invitation.acceptMine({ organizationId: org.id, id: first.invitation.id }),
      "PRECONDITION_FAILED",
    );

    const second = await api.invitation.create({ email: invitee.email, role: "ADMIN" });
    await admin.query(
      "UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1",
      [second.invitation.id],
    );
    expect(await asInvitee.invitation.mine()).toEqual([]);

    const third = await api.invitation.create({ email: invitee.email, role: "MEMBER" });
    await admin.query("UPDATE users SET email_verified = NULL WHERE id = $1", [invitee.id]);
    expect(await asInvitee.invitation.mine()).toEqual([]);
    await expectTRPCError(
      asInvitee.invitation.acceptMine({ organizationId: org.id, id: third.invitation.id }),
      "NOT_FOUND",
    );
    await admin.query("UPDATE users SET email_verified = now() WHERE id = $1", [invitee.id]);

    expect(
      await asInvitee.invitation.declineMine({ organizationId: org.id, id: third.invitation.id }),
    ).toEqual({ declined: true });
    expect(await asInvitee.invitation.mine()).toEqual([]);
    expect(await api.invitation.list()).toEqual([]);
    const audit = await api.audit.list({});
    expect(audit.items[0]?.action).toBe("invitation.decline");
  });

  it("follows the INVITATION preference: in-app off lists nothing, email off sends no mail", async () => {
    const { org, user: owner } = await createTenant();
    const invitee = await verifiedUser();
    const asInvitee = callerAs(invitee, null);
    await asInvitee.notification.setPreference({ kind: "INVITATION", inApp: false, email: false });
    await callerAs(owner, org.id).invitation.create({ email: invitee.email, role: "MEMBER" });
    expect(await asInvitee.invitation.mine()).toEqual([]);
    expect(await mailsTo(invitee.email)).toBe(0);

    await asInvitee.notification.setPreference({ kind: "INVITATION", inApp: true, email: false });
    expect(await asInvitee.invitation.mine()).toHaveLength(1);
    // An address without an account always gets the mail: the link is its only way in.
    const stranger = `stranger-${invitee.id}@example.test`;
    await callerAs(owner, org.id).invitation.create({ email: stranger, role: "MEMBER" });
    expect(await mailsTo(stranger)).toBe(1);
  });
});
