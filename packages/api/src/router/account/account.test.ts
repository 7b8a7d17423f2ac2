// The caller's own account: profile, password change (revokes other sessions), email change, deletion.
import { describe, expect, it } from "vitest";

import { SignInLimiter, signInWithPassword } from "@tenantry/auth";

import { addMember, admin, createOrganization, db } from "../../../test/fixtures.ts";
import {
  anonymousCaller,
  createPasswordUser,
  outbox,
  PASSWORD,
  sessionCaller,
  testClient,
  tokenFromMail,
  uniqueEmail,
} from "../../../test/identity-fixtures.ts";

const limiter = () =>
  new SignInLimiter({
    redis: null,
    keyPrefix: "test",
    limits: {
      account: { points: 100, windowSeconds: 600, fallbackPoints: 100 },
      ip: { points: 100, windowSeconds: 600, fallbackPoints: 100 },
    },
  });

describe("account", () => {
  it("returns and renames the caller, never the password hash", async () => {
    const user = await createPasswordUser();
    const { caller } = await sessionCaller(user);
    const me = await caller.account.me();
    expect(me).toEqual({
      id: user.id,
      email: user.email,
      name: user.name,
      emailVerified: expect.any(Date) as Date,
      platformRole: "USER",
      timeZone: null,
      createdAt: expect.any(Date) as Date,
    });
    expect(JSON.stringify(me)).not.toContain("argon2");
    expect((await caller.account.updateProfile({ name: "  Renamed  " })).name).toBe("Renamed");
  });

  it("keeps a display time zone the runtime knows, leaves it when not given, clears it with null", async () => {
    const user = await createPasswordUser();
    const { caller } = await sessionCaller(user);
    const set = await caller.account.updateProfile({ name: user.name, timeZone: "Europe/Berlin" });
    expect(set.timeZone).toBe("Europe/Berlin");
    expect((await caller.account.updateProfile({ name: "Renamed" })).timeZone).toBe(
      "Europe/Berlin",
    );
    await expect(
      caller.account.updateProfile({ name: user.name, timeZone: "Mars/Olympus_Mons" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller.account.updateProfile({ name: user.name, timeZone: "'; drop table users; --" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await caller.account.me()).timeZone).toBe("Europe/Berlin");
    expect(
      (await caller.account.updateProfile({ name: user.name, timeZone: null })).timeZone,
    ).toBeNull();
  });

  it("changes the password only with the current one, and signs out the other sessions", async () => {
    const user = await createPasswordUser();
    const current = await sessionCaller(user);
    const other = await sessionCaller(user);
    await expect(
      current.caller.account.changePassword({
        currentPassword: "not-my-password",
        newPassword: "a brand new passphrase",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Current password is incorrect" });
    await expect(
      current.caller.account.changePassword({
        currentPassword: PASSWORD,
        newPassword: "password1234",
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/too common/) as string,
    });
    expect((await other.caller.account.me()).id).toBe(user.id);

    const res = await current.caller.account.changePassword({
      currentPassword: PASSWORD,
      newPassword: "a brand new passphrase",
    });
    expect(res).toEqual({ revokedSessions: 1 });
    await expect(other.caller.account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await current.caller.account.me()).id).toBe(user.id);
    const signIn = await signInWithPassword(
      db,
      { email: user.email, password: "a brand new passphrase" },
      testClient(),
      { limiter: limiter() },
    );
    expect(signIn.ok).toBe(true);
  });

  it("changes the email only after the link sent to the new address is followed", async () => {
    const user = await createPasswordUser();
    const { caller } = await sessionCaller(user);
    const newEmail = uniqueEmail("moved");
    await caller.account.requestEmailChange({ newEmail, currentPassword: PASSWORD });
    expect((await caller.account.me()).email).toBe(user.email);
    expect((await outbox(user.email)).map((m) => m.subject)).toEqual([
      "Email change requested for your Tenantry account",
    ]);
    const token = await tokenFromMail(newEmail, "/verify-email");
    expect(await anonymousCaller().auth.verifyEmail({ token })).toEqual({
      kind: "email_changed",
      email: newEmail,
    });
    expect((await caller.account.me()).email).toBe(newEmail);
  });

  it("does not reveal that the new address is taken, and never moves onto it", async () => {
    const user = await createPasswordUser();
    const taken = await createPasswordUser();
    const { caller } = await sessionCaller(user);
    expect(
      await caller.account.requestEmailChange({ newEmail: taken.email, currentPassword: PASSWORD }),
    ).toEqual({ accepted: true });
    const mails = await outbox(taken.email);
    expect(mails.map((m) => m.text).join("\n")).not.toContain("/verify-email?token=");
    expect((await caller.account.me()).email).toBe(user.email);
  });

  it("blocks deleting the account while sole owner of an organization, with a clear message", async () => {
    const user = await createPasswordUser();
    const org = await createOrganization("Solo Org");
    await addMember(org.id, user.id, "OWNER");
    const { caller } = await sessionCaller(user);
    const remove = () =>
      caller.account.delete({ currentPassword: PASSWORD, confirmEmail: user.email });
    await expect(remove()).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringContaining('You are the only owner of "Solo Org"') as string,
    });

    // With a second owner it goes through; memberships and sessions go with the user.
    const coOwner = await createPasswordUser();
    await addMember(org.id, coOwner.id, "OWNER");
    expect(await remove()).toEqual({ deleted: true });
    const { rows } = await admin.query(
      `SELECT (SELECT count(*) FROM users WHERE id = $1)::int AS users,
              (SELECT count(*) FROM memberships WHERE user_id = $1)::int AS memberships,
              (SELECT count(*) FROM auth_sessions WHERE user_id = $1)::int AS sessions`,
      [user.id],
    );
    expect(rows[0]).toEqual({ users: 0, memberships: 0, sessions: 0 });
    await expect(caller.account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("requires the typed email and the current password to delete", async () => {
    const user = await createPasswordUser();
    const { caller } = await sessionCaller(user);
    await expect(
      caller.account.delete({ currentPassword: PASSWORD, confirmEmail: uniqueEmail() }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      caller.account.delete({ currentPassword: "wrong-password", confirmEmail: user.email }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await caller.account.me()).id).toBe(user.id);
  });

  it("requires a session", async () => {
    await expect(anonymousCaller().account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
