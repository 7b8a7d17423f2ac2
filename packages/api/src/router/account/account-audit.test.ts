// Account-level events (no organization) go to the platform audit log, written by the user in the transaction of
// the change: profile, password change and reset, email change, deletion. Only platform admins read them, and the
// database admits a non-admin's entry only about themselves and only for account.* actions.
import { describe, expect, it } from "vitest";

import { withTenantTransaction } from "@tenantry/db";

import { callerAs, createUser, db, makePlatformAdmin } from "../../../test/fixtures.ts";
import {
  anonymousCaller,
  createPasswordUser,
  PASSWORD,
  sessionCaller,
  tokenFromMail,
  uniqueEmail,
} from "../../../test/identity-fixtures.ts";

async function accountEntries(userId: string) {
  const pa = await makePlatformAdmin(await createUser());
  const page = await callerAs(pa).admin.audit.list({ targetId: userId, limit: 100 });
  return page.items.map((e) => ({ action: e.action, actor: e.actor?.id ?? null, ...e.metadata }));
}

describe("account events in the platform audit log", () => {
  it("records profile, password, email changes and a password reset, each by the user", async () => {
    const user = await createPasswordUser();
    const other = await sessionCaller(user);
    const { caller } = await sessionCaller(user);

    await caller.account.updateProfile({ name: "Renamed" });
    await caller.account.changePassword({
      currentPassword: PASSWORD,
      newPassword: "another fine passphrase",
    });
    await expect(other.caller.account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const newEmail = uniqueEmail("moved");
    await caller.account.requestEmailChange({
      newEmail,
      currentPassword: "another fine passphrase",
    });
    await anonymousCaller().auth.verifyEmail({
      token: await tokenFromMail(newEmail, "/verify-email"),
    });
    await anonymousCaller().auth.requestPasswordReset({ email: newEmail });
    await anonymousCaller().auth.resetPassword({
      token: await tokenFromMail(newEmail, "/reset-password"),
      password: "a third fine passphrase",
    });

    expect(await accountEntries(user.id)).toEqual([
      { action: "account.password_reset", actor: user.id, sessionsRevoked: 1 },
      { action: "account.email_change", actor: user.id, newEmail },
      { action: "account.password_change", actor: user.id, otherSessionsRevoked: 1 },
      { action: "account.profile_update", actor: user.id, name: "Renamed" },
    ]);
  });

  it("records signing sessions out, one or all others", async () => {
    const user = await createPasswordUser();
    const laptop = await sessionCaller(user);
    const phone = await sessionCaller(user);
    await sessionCaller(user);
    await laptop.caller.session.revoke({ id: phone.sessionId });
    await laptop.caller.session.revokeOthers();
    expect(await accountEntries(user.id)).toEqual([
      { action: "account.sessions_revoke_others", actor: user.id, revoked: 1 },
      {
        action: "account.session_revoke",
        actor: user.id,
        sessionId: phone.sessionId,
        current: false,
      },
    ]);
  });

  it("keeps the deletion entry after the account is gone, with the actor cleared", async () => {
    const user = await createPasswordUser();
    const { caller } = await sessionCaller(user);
    await caller.account.delete({ currentPassword: PASSWORD, confirmEmail: user.email });
    expect(await accountEntries(user.id)).toEqual([{ action: "account.delete", actor: null }]);
  });

  it("lets a user write an account entry only about themselves, never read the log", async () => {
    const user = await createUser();
    const victim = await createUser();
    const insert = (data: { targetId: string; action: string; organizationId?: string }) =>
      withTenantTransaction(db, { userId: user.id }, (tx) =>
        tx.platformAuditLog.createMany({
          data: [
            {
              actorType: "USER",
              actorUserId: user.id,
              targetType: "user",
              organizationId: null,
              ...data,
            },
          ],
        }),
      );
    await expect(insert({ targetId: user.id, action: "account.profile_update" })).resolves.toEqual({
      count: 1,
    });
    // About someone else, or not an account.* action: the database refuses.
    await expect(insert({ targetId: victim.id, action: "account.profile_update" })).rejects.toThrow(
      /row-level security/,
    );
    await expect(insert({ targetId: user.id, action: "user.suspend" })).rejects.toThrow(
      /row-level security/,
    );
    // And the user cannot read even their own entries.
    const seen = await withTenantTransaction(db, { userId: user.id }, (tx) =>
      tx.platformAuditLog.count({ where: { targetId: user.id } }),
    );
    expect(seen).toBe(0);
  });
});
