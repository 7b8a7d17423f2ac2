// Email + password sign-in with brute-force protection; shared by next-auth (browser) and the token endpoint.
// Order matters: the limits are checked before the password so a blocked attacker learns nothing, every failure
// is counted per account and per IP, and repeated failures lock the account for a while (visible to admins).
import type { Db } from "@tenantry/db";
import { ZSignInInput } from "@tenantry/validators";

import type { ClientInfo } from "./client-info.ts";
import type { SignInLimiter } from "./rate-limit.ts";
import { env } from "./env.ts";
import { verifyPassword } from "./password.ts";
import { getSignInLimiter } from "./rate-limit.ts";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
}

export type SignInResult =
  | { ok: true; user: AuthenticatedUser }
  /** Wrong email or password, or an account that may not sign in: deliberately one answer. */
  | { ok: false; reason: "invalid" }
  /** Password right, email not yet verified. */
  | { ok: false; reason: "unverified" }
  /** Too many failures (per account, per IP, or the account lock): answer 429 with Retry-After. */
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

export interface LockPolicy {
  threshold: number;
  lockSeconds: number;
}

export const lockPolicyFromEnv = (): LockPolicy => ({
  threshold: env.AUTH_LOCKOUT_THRESHOLD,
  lockSeconds: env.AUTH_LOCKOUT_SECONDS,
});

export async function signInWithPassword(
  db: Db,
  raw: unknown,
  client: ClientInfo,
  opts: { limiter?: SignInLimiter; lock?: LockPolicy; now?: Date } = {},
): Promise<SignInResult> {
  const parsed = ZSignInInput.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const limiter = opts.limiter ?? getSignInLimiter();
  const lock = opts.lock ?? lockPolicyFromEnv();
  const now = opts.now ?? new Date();

  const limit = await limiter.check(email, client.ip);
  if (limit.limited)
    return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };

  // users is a global table (no tenant), so this runs outside a tenant transaction.
  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      passwordHash: true,
      status: true,
      emailVerified: true,
      lockedUntil: true,
    },
  });
  if (user?.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000),
    };
  }

  // Always runs (a dummy hash for unknown emails), so timing does not reveal which emails exist.
  const passwordOk = await verifyPassword(user?.passwordHash, password);
  if (!user || !passwordOk) {
    await limiter.recordFailure(email, client.ip);
    if (user) await recordAccountFailure(db, user.id, lock, now);
    return { ok: false, reason: "invalid" };
  }
  if (user.status !== "ACTIVE") return { ok: false, reason: "invalid" };
  if (!user.emailVerified) return { ok: false, reason: "unverified" };

  await limiter.recordSuccess(email);
  await db.user.update({
    where: { id: user.id },
    data: { failedSignInCount: 0, lockedUntil: null },
    select: { id: true },
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

/** Counts a failure in the database and locks the account once the count reaches the threshold. */
async function recordAccountFailure(
  db: Db,
  userId: string,
  lock: LockPolicy,
  now: Date,
): Promise<void> {
  // Atomic increment, so concurrent failures are all counted.
  const { failedSignInCount } = await db.user.update({
    where: { id: userId },
    data: { failedSignInCount: { increment: 1 } },
    select: { failedSignInCount: true },
  });
  if (failedSignInCount >= lock.threshold) {
    await db.user.update({
      where: { id: userId },
      // The count restarts so that, after the lock expires, the next lock again takes `threshold` failures.
      data: {
        lockedUntil: new Date(now.getTime() + lock.lockSeconds * 1000),
        failedSignInCount: 0,
      },
      select: { id: true },
    });
  }
}

/** Lock status as platform admins see it. */
export async function getSignInLockStatus(db: Db, userId: string, now = new Date()) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, failedSignInCount: true, lockedUntil: true },
  });
  if (!user) return null;
  const locked = !!user.lockedUntil && user.lockedUntil.getTime() > now.getTime();
  return {
    userId: user.id,
    failedSignInCount: user.failedSignInCount,
    lockedUntil: locked ? user.lockedUntil : null,
    locked,
  };
}

/** Lifts a lock early (platform admin action). */
export async function unlockSignIn(db: Pick<Db, "user">, userId: string): Promise<void> {
  await db.user.updateMany({
    where: { id: userId },
    data: { failedSignInCount: 0, lockedUntil: null },
  });
}
