// Identity flows that run before (or instead of) a browser session: sign-up, email verification, password reset,
// and token login for non-browser clients. None of them reveals whether an email is registered: not by the answer,
// and not by its timing — the same password hash and mail-limit work on both paths, and whatever depends on the
// address runs under a fixed response time (withinFixedTime).
import { randomBytes } from "node:crypto";

import type { ClientInfo, SignInResult, TokenPair } from "@tenantry/auth";
import type { Db } from "@tenantry/db";
import type {
  TAcceptedOutput,
  TResetPasswordInput,
  TSignUpInput,
  TVerifyEmailOutput,
} from "@tenantry/validators";
import {
  appUrl,
  checkPasswordPolicy,
  consumeEmailToken,
  createLimiter,
  hashPassword,
  hashSecretToken,
  issueEmailToken,
  limiterRedis,
  rateLimitPrefix,
  refreshTokenPair,
  revokeTokenFamily,
  revokeUserSessions,
  sendMail,
  signInWithPassword,
  startTokenSession,
} from "@tenantry/auth";
import { newId, Prisma, withTenantTransaction } from "@tenantry/db";
import { ZSlug } from "@tenantry/validators";

import { recordAccountEvent } from "../audit/platform-audit.ts";
import { env } from "../env.ts";
import { ConflictError, fieldError, isDomainError } from "../errors.ts";
import { insertOrganizationWithOwner } from "../organization/organization-create.ts";
import { withinFixedTime } from "./fixed-time.ts";

const ACCEPTED: TAcceptedOutput = { accepted: true };

// ---- mail throttling: bounds how much mail one address or IP can trigger (mail bombing, cost) ----

type MailLimiter = ReturnType<typeof createLimiter>;
const mailLimiters: { byEmail?: MailLimiter; byIp?: MailLimiter } = {};

async function mayMail(email: string, client: ClientInfo): Promise<boolean> {
  const redis = limiterRedis();
  const keyPrefix = `${rateLimitPrefix()}:mail`;
  mailLimiters.byEmail ??= createLimiter(
    "email",
    { points: 5, windowSeconds: 3_600, fallbackPoints: 3 },
    { redis, keyPrefix },
  );
  mailLimiters.byIp ??= createLimiter(
    "ip",
    { points: 30, windowSeconds: 3_600, fallbackPoints: 10 },
    { redis, keyPrefix },
  );
  try {
    await mailLimiters.byEmail.consume(hashSecretToken(email));
    if (client.ip) await mailLimiters.byIp.consume(client.ip);
    return true;
  } catch {
    // Over the limit: the caller answers exactly as if the mail went out.
    return false;
  }
}

function link(path: string, token: string): string {
  return `${appUrl()}${path}?token=${encodeURIComponent(token)}`;
}

async function sendVerification(db: Db, user: { id: string; email: string; name: string }) {
  const token = await issueEmailToken(db, {
    userId: user.id,
    purpose: "VERIFY_EMAIL",
    email: user.email,
  });
  await sendMail(db, {
    to: user.email,
    subject: "Verify your email address for Tenantry",
    text: [
      `Hi ${user.name},`,
      "",
      "Confirm your email address to finish setting up your Tenantry account:",
      link("/verify-email", token),
      "",
      "The link works once and expires in 24 hours. If you did not sign up, ignore this message.",
    ].join("\n"),
  });
}

// ---- sign-up ----

/** "Acme Inc." → "acme-inc"; at least 2 characters, at most 40 (room for a suffix). */
export function slugFromName(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return base.length >= 2 ? base : "org";
}

function isUniqueViolation(error: unknown, column?: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002")
    return false;
  return column ? JSON.stringify(error.meta ?? {}).includes(column) : true;
}

/**
 * Creates the user, their organization (slug derived from its name, made unique) and the OWNER membership in one
 * tenant transaction, audited in the new organization, then mails a verification link. An email that is already
 * registered gets the same answer, at the same time; its owner is told by mail instead.
 */
export async function signUp(
  db: Db,
  input: TSignUpInput,
  client: ClientInfo,
): Promise<TAcceptedOutput> {
  const policy = checkPasswordPolicy(input.password, input.email);
  if (policy) throw fieldError("password", policy);
  // Hashed whether or not the email is taken, so both paths cost the same.
  const passwordHash = await hashPassword(input.password);
  await withinFixedTime(env.AUTH_IDENTITY_RESPONSE_MS, () =>
    createAccountOrNotify(db, input, passwordHash, client),
  );
  return ACCEPTED;
}

async function createAccountOrNotify(
  db: Db,
  input: TSignUpInput,
  passwordHash: string,
  client: ClientInfo,
): Promise<void> {
  const existing = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true, email: true, name: true, emailVerified: true },
  });
  if (existing) {
    await notifyExistingAccount(db, existing, client);
    return;
  }

  const base = slugFromName(input.organizationName);
  let user: { id: string; email: string; name: string } | null = null;
  for (let attempt = 0; attempt < 4 && !user; attempt++) {
    const slug = ZSlug.parse(attempt === 0 ? base : `${base}-${randomBytes(3).toString("hex")}`);
    const userId = newId();
    const organizationId = newId();
    try {
      user = await withTenantTransaction(
        db,
        { userId, organizationId, role: "OWNER" },
        async (tx) => {
          const created = await tx.user.create({
            data: { id: userId, email: input.email, name: input.name, passwordHash },
            select: { id: true, email: true, name: true },
          });
          await insertOrganizationWithOwner(tx, {
            organizationId,
            ownerUserId: userId,
            input: { name: input.organizationName, slug },
          });
          return created;
        },
      );
    } catch (error) {
      if (isUniqueViolation(error, "email")) {
        // Lost a race with a concurrent sign-up for the same address: same answer as "already registered".
        return;
      }
      // The slug was taken: try again with a random suffix.
      if (isDomainError(error, "conflict")) continue;
      throw error;
    }
  }
  if (!user) {
    throw new ConflictError("Could not find a free URL for this organization; try another name");
  }
  if (await mayMail(user.email, client)) await sendVerification(db, user);
}

async function notifyExistingAccount(
  db: Db,
  user: { id: string; email: string; name: string; emailVerified: Date | null },
  client: ClientInfo,
): Promise<void> {
  if (!(await mayMail(user.email, client))) return;
  if (!user.emailVerified) {
    await sendVerification(db, user);
    return;
  }
  await sendMail(db, {
    to: user.email,
    subject: "You already have a Tenantry account",
    text: [
      `Hi ${user.name},`,
      "",
      "Someone (hopefully you) tried to sign up with this email address, which already has an account.",
      `Sign in at ${appUrl()}/sign-in, or reset your password at ${appUrl()}/forgot-password.`,
    ].join("\n"),
  });
}

// ---- email verification ----

const INVALID_LINK = "This link is invalid or has expired. Request a new one.";

export async function resendVerification(
  db: Db,
  email: string,
  client: ClientInfo,
): Promise<TAcceptedOutput> {
  await withinFixedTime(env.AUTH_IDENTITY_RESPONSE_MS, async () => {
    const user = await db.user.findUnique({
      where: { email },
      select: { id: true, email: true, name: true, emailVerified: true, status: true },
    });
    // The mail limit is consumed for every address, registered or not: the same work on both paths, and probing
    // addresses is throttled exactly like mailing them.
    const allowed = await mayMail(email, client);
    if (allowed && user && !user.emailVerified && user.status === "ACTIVE") {
      await sendVerification(db, user);
    }
  });
  return ACCEPTED;
}

/** Confirms a sign-up address or an email change. */
export async function verifyEmail(db: Db, token: string): Promise<TVerifyEmailOutput> {
  const used = await consumeEmailToken(db, ["VERIFY_EMAIL", "CHANGE_EMAIL"], token);
  if (!used) throw fieldError("token", INVALID_LINK);
  if (used.purpose === "VERIFY_EMAIL") {
    // Only while the account still has the address the link was sent to.
    const { count } = await db.user.updateMany({
      where: { id: used.userId, email: used.email },
      data: { emailVerified: new Date() },
    });
    if (count !== 1) throw fieldError("token", INVALID_LINK);
    return { kind: "verified", email: used.email };
  }
  try {
    await withTenantTransaction(db, { userId: used.userId }, async (tx) => {
      const changed = await tx.user.update({
        where: { id: used.userId },
        data: { email: used.email, emailVerified: new Date() },
        select: { id: true },
      });
      await recordAccountEvent(tx, changed.id, "account.email_change", { newEmail: used.email });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError("This email address now belongs to another account");
    }
    throw error;
  }
  return { kind: "email_changed", email: used.email };
}

// ---- password reset ----

export async function requestPasswordReset(
  db: Db,
  email: string,
  client: ClientInfo,
): Promise<TAcceptedOutput> {
  await withinFixedTime(env.AUTH_IDENTITY_RESPONSE_MS, async () => {
    const user = await db.user.findUnique({
      where: { email },
      select: { id: true, email: true, name: true, status: true },
    });
    // Consumed for every address, as in resendVerification.
    const allowed = await mayMail(email, client);
    if (!allowed || user?.status !== "ACTIVE") return;
    const token = await issueEmailToken(db, {
      userId: user.id,
      purpose: "RESET_PASSWORD",
      email: user.email,
    });
    await sendMail(db, {
      to: user.email,
      subject: "Reset your Tenantry password",
      text: [
        `Hi ${user.name},`,
        "",
        "Choose a new password here:",
        link("/reset-password", token),
        "",
        "The link works once and expires in 1 hour. If you did not ask for it, ignore this message:",
        "your password stays as it is.",
      ].join("\n"),
    });
  });
  return ACCEPTED;
}

/** Sets a new password from a reset link, lifts any sign-in lock and signs every session out. */
export async function resetPassword(db: Db, input: TResetPasswordInput): Promise<TAcceptedOutput> {
  // Check the new password before using the token up, so a rejected password does not burn the link.
  const pending = await db.authToken.findUnique({
    where: { tokenHash: hashSecretToken(input.token) },
    select: { purpose: true, usedAt: true, expiresAt: true, user: { select: { email: true } } },
  });
  if (
    pending?.purpose !== "RESET_PASSWORD" ||
    pending.usedAt ||
    pending.expiresAt.getTime() <= Date.now()
  ) {
    throw fieldError("token", INVALID_LINK);
  }
  const policy = checkPasswordPolicy(input.password, pending.user.email);
  if (policy) throw fieldError("password", policy);
  const passwordHash = await hashPassword(input.password);
  const used = await consumeEmailToken(db, ["RESET_PASSWORD"], input.token);
  if (!used) throw fieldError("token", INVALID_LINK);
  await withTenantTransaction(db, { userId: used.userId }, async (tx) => {
    await tx.user.update({
      where: { id: used.userId },
      data: {
        passwordHash,
        failedSignInCount: 0,
        lockedUntil: null,
        // Following the link proves control of the mailbox.
        emailVerified: new Date(),
      },
      select: { id: true },
    });
    const revoked = await revokeUserSessions(tx, used.userId, "password_reset");
    await recordAccountEvent(tx, used.userId, "account.password_reset", {
      sessionsRevoked: revoked,
    });
  });
  return ACCEPTED;
}

// ---- token login for non-browser clients (REST) ----

export type TokenLoginResult =
  { ok: true; tokens: TokenPair } | Exclude<SignInResult, { ok: true }>;

export async function tokenLogin(
  db: Db,
  raw: unknown,
  client: ClientInfo,
): Promise<TokenLoginResult> {
  const result = await signInWithPassword(db, raw, client);
  if (!result.ok) return result;
  const { tokens } = await startTokenSession(db, result.user.id, client);
  return { ok: true, tokens };
}

export { refreshTokenPair as tokenRefresh, revokeTokenFamily as tokenLogout };
