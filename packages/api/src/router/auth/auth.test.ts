// Sign-up, email verification, password reset, password policy and the brute-force lock, through the real procedures.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";

import {
  commonPasswordCount,
  resolveSession,
  SignInLimiter,
  signInWithPassword,
} from "@tenantry/auth";
import { settleBackgroundWork } from "@tenantry/core/identity/fixed-time";

import { admin, db } from "../../../test/fixtures.ts";
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

/** The flattened field errors the error formatter attaches (what the forms show). */
async function fieldErrors(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => expect.fail("expected the call to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const cause = (error as TRPCError).cause as { issues?: { path: string[]; message: string }[] };
  const out: Record<string, string[]> = {};
  for (const issue of cause.issues ?? []) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}

const memoryLimiter = () =>
  new SignInLimiter({
    redis: null,
    keyPrefix: "test",
    limits: {
      account: { points: 100, windowSeconds: 600, fallbackPoints: 100 },
      ip: { points: 100, windowSeconds: 600, fallbackPoints: 100 },
    },
  });

describe("sign-up", () => {
  it("creates the user, an organization with a derived slug and the OWNER membership, audited", async () => {
    const email = uniqueEmail("signup");
    const orgName = `Umlaut Ärger ${Date.now()}`;
    const res = await anonymousCaller().auth.signUp({
      email: email.toUpperCase(),
      name: "Sam Signup",
      password: PASSWORD,
      organizationName: orgName,
    });
    expect(res).toEqual({ accepted: true });
    // The answer comes at a fixed time; on a very busy machine the account may still be in the making.
    await settleBackgroundWork();

    const { rows: users } = await admin.query<{
      id: string;
      email: string;
      password_hash: string;
      email_verified: Date | null;
    }>(`SELECT id, email, password_hash, email_verified FROM users WHERE email = $1`, [email]);
    expect(users).toHaveLength(1);
    const user = users[0];
    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    expect(user?.email_verified).toBeNull();

    const { rows: memberships } = await admin.query<{ role: string; slug: string; name: string }>(
      `SELECT m.role, o.slug, o.name FROM memberships m JOIN organizations o ON o.id = m.organization_id
       WHERE m.user_id = $1`,
      [user?.id],
    );
    expect(memberships).toEqual([
      { role: "OWNER", slug: `umlaut-arger-${orgName.split(" ")[2]}`, name: orgName },
    ]);
    const { rows: audit } = await admin.query<{ action: string; actor_user_id: string }>(
      `SELECT a.action, a.actor_user_id FROM audit_logs a JOIN organizations o ON o.id = a.organization_id
       WHERE o.slug = $1`,
      [memberships[0]?.slug],
    );
    expect(audit).toEqual([{ action: "organization.create", actor_user_id: user?.id }]);

    const mails = await outbox(email);
    expect(mails.map((m) => m.subject)).toEqual(["Verify your email address for Tenantry"]);
  });

  it("gives a taken organization slug a suffix instead of failing", async () => {
    const orgName = `Same Name ${Date.now()}`;
    for (const label of ["first", "second"]) {
      await anonymousCaller().auth.signUp({
        email: uniqueEmail(label),
        name: "Sam",
        password: PASSWORD,
        organizationName: orgName,
      });
      await settleBackgroundWork();
    }
    const { rows } = await admin.query<{ slug: string }>(
      `SELECT slug FROM organizations WHERE name = $1 ORDER BY created_at`,
      [orgName],
    );
    expect(rows).toHaveLength(2);
    const base = `same-name-${orgName.split(" ")[2]}`;
    expect(rows[0]?.slug).toBe(base);
    expect(rows[1]?.slug).toMatch(new RegExp(`^${base}-[0-9a-f]{6}$`));
  });

  it("answers the same for a registered email, creates nothing and tells the owner by mail", async () => {
    const existing = await createPasswordUser();
    const res = await anonymousCaller().auth.signUp({
      email: existing.email,
      name: "Intruder",
      password: "another fine passphrase",
      organizationName: "Should Not Exist",
    });
    expect(res).toEqual({ accepted: true });
    const { rows } = await admin.query(`SELECT 1 FROM users WHERE email = $1`, [existing.email]);
    expect(rows).toHaveLength(1);
    const { rows: orgs } = await admin.query(`SELECT 1 FROM memberships WHERE user_id = $1`, [
      existing.id,
    ]);
    expect(orgs).toHaveLength(0);
    expect((await outbox(existing.email)).map((m) => m.subject)).toEqual([
      "You already have a Tenantry account",
    ]);
  });
});

describe("password policy", () => {
  it("ships a list of common passwords with at least 10,000 entries", () => {
    expect(commonPasswordCount()).toBeGreaterThan(10_000);
  });

  it.each([
    ["password123", "too common"],
    ["Iloveyou1", "too common"],
    ["short", "at least 8 characters"],
  ])("rejects %s on the password field (%s)", async (password, message) => {
    const errors = await fieldErrors(
      anonymousCaller().auth.signUp({
        email: uniqueEmail(),
        name: "Pat",
        password,
        organizationName: "Org",
      }),
    );
    expect(errors.password?.join(" ")).toContain(message);
  });

  it("rejects the email as password and passwords over 128 characters", async () => {
    const email = uniqueEmail();
    const same = await fieldErrors(
      anonymousCaller().auth.signUp({ email, name: "Pat", password: email, organizationName: "O" }),
    );
    expect(same.password).toEqual(["Password must not be your email address"]);
    const long = await fieldErrors(
      anonymousCaller().auth.signUp({
        email,
        name: "Pat",
        password: "x".repeat(129),
        organizationName: "O",
      }),
    );
    expect(long.password).toEqual(["Password must be at most 128 characters"]);
    const { rows } = await admin.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
    expect(rows).toHaveLength(0);
  });
});

describe("email verification", () => {
  it("refuses sign-in until the emailed link is used, once", async () => {
    const email = uniqueEmail("verify");
    await anonymousCaller().auth.signUp({
      email,
      name: "Vera",
      password: PASSWORD,
      organizationName: "Verify Org",
    });
    await settleBackgroundWork();
    const limiter = memoryLimiter();
    const client = testClient();
    expect(
      await signInWithPassword(db, { email, password: PASSWORD }, client, { limiter }),
    ).toEqual({ ok: false, reason: "unverified" });

    const token = await tokenFromMail(email, "/verify-email");
    expect(await anonymousCaller().auth.verifyEmail({ token })).toEqual({
      kind: "verified",
      email,
    });
    const signedIn = await signInWithPassword(db, { email, password: PASSWORD }, client, {
      limiter,
    });
    expect(signedIn.ok).toBe(true);

    // Single use.
    const again = await fieldErrors(anonymousCaller().auth.verifyEmail({ token }));
    expect(again.token?.[0]).toMatch(/invalid or has expired/);
  });

  it("resends only to unverified accounts and answers the same for unknown emails", async () => {
    const unverified = await createPasswordUser({ verified: false });
    const verified = await createPasswordUser();
    const unknown = uniqueEmail("nobody");
    for (const email of [unverified.email, verified.email, unknown]) {
      expect(await anonymousCaller().auth.resendVerification({ email })).toEqual({
        accepted: true,
      });
    }
    expect(await outbox(unverified.email)).toHaveLength(1);
    expect(await outbox(verified.email)).toHaveLength(0);
    expect(await outbox(unknown)).toHaveLength(0);
  });
});

describe("password reset", () => {
  it("is enumeration-safe: the same answer for unknown emails, and no mail", async () => {
    const unknown = uniqueEmail("ghost");
    const known = await createPasswordUser();
    const a = await anonymousCaller().auth.requestPasswordReset({ email: unknown });
    const b = await anonymousCaller().auth.requestPasswordReset({ email: known.email });
    expect(a).toEqual(b);
    expect(await outbox(unknown)).toHaveLength(0);
    expect((await outbox(known.email)).map((m) => m.subject)).toEqual([
      "Reset your Tenantry password",
    ]);
  });

  it("sets the new password, signs out every session, lifts a lock and works once", async () => {
    const user = await createPasswordUser();
    const { caller, sessionId } = await sessionCaller(user);
    await admin.query(
      `UPDATE users SET locked_until = now() + interval '1 hour', failed_sign_in_count = 3 WHERE id = $1`,
      [user.id],
    );
    await anonymousCaller().auth.requestPasswordReset({ email: user.email });
    const token = await tokenFromMail(user.email, "/reset-password");

    // A rejected password does not use the link up.
    const weak = await fieldErrors(
      anonymousCaller().auth.resetPassword({ token, password: "qwertyuiop" }),
    );
    expect(weak.password?.[0]).toMatch(/too common/);

    const newPassword = "a brand new passphrase";
    await anonymousCaller().auth.resetPassword({ token, password: newPassword });

    await expect(caller.account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await resolveSession(db, sessionId)).toBeNull();

    const limiter = memoryLimiter();
    const client = testClient();
    const old = await signInWithPassword(db, { email: user.email, password: PASSWORD }, client, {
      limiter,
    });
    expect(old).toEqual({ ok: false, reason: "invalid" });
    const ok = await signInWithPassword(db, { email: user.email, password: newPassword }, client, {
      limiter,
    });
    expect(ok.ok).toBe(true);

    const reused = await fieldErrors(
      anonymousCaller().auth.resetPassword({ token, password: "yet another passphrase" }),
    );
    expect(reused.token?.[0]).toMatch(/invalid or has expired/);
  });

  it("rejects an expired link", async () => {
    const user = await createPasswordUser();
    await anonymousCaller().auth.requestPasswordReset({ email: user.email });
    const token = await tokenFromMail(user.email, "/reset-password");
    await admin.query(
      `UPDATE auth_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [user.id],
    );
    const errors = await fieldErrors(
      anonymousCaller().auth.resetPassword({ token, password: "a brand new passphrase" }),
    );
    expect(errors.token?.[0]).toMatch(/invalid or has expired/);
  });
});

describe("brute-force lock", () => {
  it("locks the account after repeated failures, even for the right password, visible to platform admins", async () => {
    const user = await createPasswordUser();
    const client = testClient();
    const limiter = memoryLimiter();
    const lock = { threshold: 3, lockSeconds: 600 };
    for (let i = 0; i < 3; i++) {
      const res = await signInWithPassword(
        db,
        { email: user.email, password: `wrong-${i}` },
        client,
        { limiter, lock },
      );
      expect(res).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await signInWithPassword(db, { email: user.email, password: PASSWORD }, client, {
      limiter,
      lock,
    });
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    if (locked.ok || locked.reason !== "rate_limited") return;
    expect(locked.retryAfterSeconds).toBeGreaterThan(590);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(600);

    const platformAdmin = await createPasswordUser({ platformAdmin: true });
    const { caller: adminApi } = await sessionCaller(platformAdmin);
    const status = await adminApi.auth.admin.lockStatus({ userId: user.id });
    expect(status).toMatchObject({ userId: user.id, locked: true });
    expect(status.lockedUntil?.getTime()).toBeGreaterThan(Date.now());

    // Not for ordinary users, not even about themselves.
    const { caller: userApi } = await sessionCaller(await createPasswordUser());
    await expect(userApi.auth.admin.lockStatus({ userId: user.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const unlocked = await adminApi.auth.admin.unlock({ userId: user.id });
    expect(unlocked).toMatchObject({ locked: false, lockedUntil: null, failedSignInCount: 0 });
    const ok = await signInWithPassword(db, { email: user.email, password: PASSWORD }, client, {
      limiter,
      lock,
    });
    expect(ok.ok).toBe(true);
  });

  it("a successful sign-in resets the consecutive failure count", async () => {
    const user = await createPasswordUser();
    const client = testClient();
    const limiter = memoryLimiter();
    const lock = { threshold: 3, lockSeconds: 600 };
    const attempt = (password: string) =>
      signInWithPassword(db, { email: user.email, password }, client, { limiter, lock });
    await attempt("wrong-1");
    await attempt("wrong-2");
    expect((await attempt(PASSWORD)).ok).toBe(true);
    await attempt("wrong-3");
    await attempt("wrong-4");
    expect((await attempt(PASSWORD)).ok).toBe(true);
    const { rows } = await admin.query<{ failed_sign_in_count: number; locked_until: Date | null }>(
      `SELECT failed_sign_in_count, locked_until FROM users WHERE id = $1`,
      [user.id],
    );
    expect(rows[0]).toEqual({ failed_sign_in_count: 0, locked_until: null });
  });

  it("never signs in suspended users, with the same answer as a wrong password", async () => {
    const user = await createPasswordUser();
    await admin.query(`UPDATE users SET status = 'SUSPENDED' WHERE id = $1`, [user.id]);
    const res = await signInWithPassword(
      db,
      { email: user.email, password: PASSWORD },
      testClient(),
      { limiter: memoryLimiter() },
    );
    expect(res).toEqual({ ok: false, reason: "invalid" });
  });
});
