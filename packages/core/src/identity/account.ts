// The signed-in user's own account: profile, password, email address, deletion. Users are global (not tenant-owned),
// so these run outside a tenant transaction and always name the user explicitly.
import type { ClientInfo } from "@tenantry/auth";
import type { Db } from "@tenantry/db";
import type {
  TAccountOutput,
  TChangeEmailInput,
  TChangePasswordInput,
  TDeleteAccountInput,
  TUpdateProfileInput,
} from "@tenantry/validators";
import {
  appUrl,
  checkPasswordPolicy,
  getSignInLimiter,
  hashPassword,
  issueEmailToken,
  revokeUserSessions,
  sendMail,
  verifyPassword,
} from "@tenantry/auth";
import { setTenant, withTenantTransaction } from "@tenantry/db";

import { recordAccountEvent } from "../audit/platform-audit.ts";
import {
  fieldError,
  PreconditionFailedError,
  RateLimitedError,
  UnauthenticatedError,
} from "../errors.ts";

/** Who is acting on their own account, and with which session (kept when the others are signed out). */
export interface AccountActor {
  userId: string;
  sessionId: string | null;
  client?: ClientInfo;
}

const accountSelect = {
  id: true,
  email: true,
  name: true,
  emailVerified: true,
  platformRole: true,
  timeZone: true,
  createdAt: true,
} as const;

async function loadAccount(db: Db, userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { ...accountSelect, passwordHash: true },
  });
  if (!user) throw new UnauthenticatedError("Your session is no longer valid");
  return user;
}

/**
 * Re-authentication for sensitive changes. Failures count against the same per-account limit as sign-in, so a
 * stolen session cannot be used to guess the password.
 */
async function requireCurrentPassword(
  db: Db,
  actor: AccountActor,
  user: { email: string; passwordHash: string | null },
  password: string,
  field = "currentPassword",
): Promise<void> {
  const limiter = getSignInLimiter();
  const ip = actor.client?.ip ?? "";
  const limit = await limiter.check(user.email, ip);
  if (limit.limited) {
    throw new RateLimitedError(
      `Too many wrong passwords. Try again in ${Math.ceil(limit.retryAfterSeconds / 60)} minute(s).`,
      limit.retryAfterSeconds,
    );
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await limiter.recordFailure(user.email, ip);
    throw fieldError(field, "Current password is incorrect");
  }
}

export async function getAccount(db: Db, userId: string): Promise<TAccountOutput> {
  const user = await db.user.findUnique({ where: { id: userId }, select: accountSelect });
  if (!user) throw new UnauthenticatedError("Your session is no longer valid");
  return user;
}

export async function updateProfile(
  db: Db,
  actor: AccountActor,
  input: TUpdateProfileInput,
): Promise<TAccountOutput> {
  return withTenantTransaction(db, { userId: actor.userId }, async (tx) => {
    const updated = await tx.user.update({
      where: { id: actor.userId },
      data: {
        name: input.name,
        ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
      },
      select: accountSelect,
    });
    await recordAccountEvent(tx, actor.userId, "account.profile_update", {
      name: input.name,
      ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
    });
    return updated;
  });
}

/** Changes the password (current one required) and signs out every other session. */
export async function changePassword(
  db: Db,
  actor: AccountActor,
  input: TChangePasswordInput,
): Promise<{ revokedSessions: number }> {
  const user = await loadAccount(db, actor.userId);
  await requireCurrentPassword(db, actor, user, input.currentPassword);
  const policy = checkPasswordPolicy(input.newPassword, user.email);
  if (policy) throw fieldError("newPassword", policy);
  const passwordHash = await hashPassword(input.newPassword);
  const revokedSessions = await withTenantTransaction(db, { userId: user.id }, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash }, select: { id: true } });
    const revoked = await revokeUserSessions(tx, user.id, "password_change", actor.sessionId);
    await recordAccountEvent(tx, user.id, "account.password_change", {
      otherSessionsRevoked: revoked,
    });
    return revoked;
  });
  await sendMail(db, {
    to: user.email,
    subject: "Your Tenantry password was changed",
    text: [
      `Hi ${user.name},`,
      "",
      "The password of your Tenantry account was just changed, and your other sessions were signed out.",
      `If this was not you, reset your password now: ${appUrl()}/forgot-password`,
    ].join("\n"),
  });
  return { revokedSessions };
}

/**
 * Starts an email change: the new address gets a confirmation link (the change happens only when it is followed),
 * the current address gets a notice. The answer is the same whether or not the new address is taken.
 */
export async function requestEmailChange(
  db: Db,
  actor: AccountActor,
  input: TChangeEmailInput,
): Promise<{ accepted: true }> {
  const user = await loadAccount(db, actor.userId);
  await requireCurrentPassword(db, actor, user, input.currentPassword);
  if (input.newEmail === user.email) {
    throw fieldError("newEmail", "This is already your email address");
  }
  const taken = await db.user.findUnique({
    where: { email: input.newEmail },
    select: { id: true },
  });
  if (taken) {
    await sendMail(db, {
      to: input.newEmail,
      subject: "Email change request for Tenantry",
      text: [
        "Someone asked to move a Tenantry account to this address, but it already has an account,",
        "so nothing was changed. If this was you, sign in with this address instead.",
      ].join("\n"),
    });
  } else {
    const token = await issueEmailToken(db, {
      userId: user.id,
      purpose: "CHANGE_EMAIL",
      email: input.newEmail,
    });
    await sendMail(db, {
      to: input.newEmail,
      subject: "Confirm your new email address for Tenantry",
      text: [
        `Hi ${user.name},`,
        "",
        "Confirm that this is the new email address of your Tenantry account:",
        `${appUrl()}/verify-email?token=${encodeURIComponent(token)}`,
        "",
        "The link works once and expires in 24 hours.",
      ].join("\n"),
    });
  }
  await sendMail(db, {
    to: user.email,
    subject: "Email change requested for your Tenantry account",
    text: [
      `Hi ${user.name},`,
      "",
      `Someone signed in to your account asked to change its email address to ${input.newEmail}.`,
      "Nothing changes until the link sent there is followed.",
      `If this was not you, change your password now: ${appUrl()}/settings/profile`,
    ].join("\n"),
  });
  return { accepted: true };
}

/** Organizations in which the user is the only active owner (they must hand over ownership first). */
export async function soleOwnerships(
  db: Db,
  userId: string,
): Promise<{ id: string; name: string; slug: string }[]> {
  return withTenantTransaction(db, { userId }, async (tx) => {
    // Own memberships are visible through RLS via app.user_id; the other owners only per organization.
    const owned = await tx.membership.findMany({
      where: { userId, role: "OWNER", status: "ACTIVE" },
      select: { organization: { select: { id: true, name: true, slug: true } } },
      take: 500,
    });
    const sole: { id: string; name: string; slug: string }[] = [];
    for (const { organization } of owned) {
      await setTenant(tx, { organizationId: organization.id, role: "OWNER" });
      const others = await tx.membership.count({
        where: {
          organizationId: organization.id,
          role: "OWNER",
          status: "ACTIVE",
          userId: { not: userId },
        },
      });
      if (others === 0) sole.push(organization);
    }
    return sole;
  });
}

/** Deletes the account (memberships, sessions and tokens cascade; audit entries keep a null actor). */
export async function deleteAccount(
  db: Db,
  actor: AccountActor,
  input: TDeleteAccountInput,
): Promise<{ deleted: true }> {
  const user = await loadAccount(db, actor.userId);
  if (input.confirmEmail !== user.email) {
    throw fieldError("confirmEmail", "Type your email address to confirm");
  }
  await requireCurrentPassword(db, actor, user, input.currentPassword);
  const sole = await soleOwnerships(db, user.id);
  if (sole.length > 0) {
    const names = sole.map((o) => `"${o.name}"`).join(", ");
    throw new PreconditionFailedError(
      `You are the only owner of ${names}. Make another member an owner, or delete the organization, before deleting your account.`,
    );
  }
  // The entry outlives the account: its actor becomes null with the user row, its target id stays.
  await withTenantTransaction(db, { userId: user.id }, async (tx) => {
    await recordAccountEvent(tx, user.id, "account.delete");
    await tx.user.delete({ where: { id: user.id }, select: { id: true } });
  });
  return { deleted: true };
}
