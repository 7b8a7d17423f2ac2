// Token login for non-browser clients: a TOKEN session is the refresh-token family. Refresh tokens rotate on every
// use; presenting one that was already used (after a short grace period for concurrent refreshes) means it was
// copied, so the whole family is revoked (OAuth 2.0 Security BCP, refresh token rotation with reuse detection).
import type { Db } from "@tenantry/db";

import type { ClientInfo } from "./client-info.ts";
import type { SessionLifetimes } from "./session.ts";
import { signAccessToken } from "./access-token.ts";
import { env } from "./env.ts";
import { generateSecretToken, hashSecretToken } from "./secret-token.ts";
import { createSession, isSessionLive, revokeSession, sessionLifetimes } from "./session.ts";

export interface TokenPair {
  tokenType: "Bearer";
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

export type RefreshResult =
  { ok: true; tokens: TokenPair; sessionId: string } | { ok: false; reason: "invalid" | "reused" };

async function issuePair(
  db: Db,
  session: { id: string; userId: string; expiresAt: Date },
  now: Date,
): Promise<TokenPair> {
  const refreshToken = generateSecretToken();
  await db.refreshToken.create({
    data: {
      sessionId: session.id,
      tokenHash: hashSecretToken(refreshToken),
      createdAt: now,
      expiresAt: session.expiresAt,
    },
    select: { id: true },
  });
  const access = await signAccessToken({ userId: session.userId, sessionId: session.id }, { now });
  return {
    tokenType: "Bearer",
    accessToken: access.token,
    expiresIn: access.expiresIn,
    refreshToken,
    refreshExpiresIn: Math.max(0, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000)),
  };
}

/** Starts a TOKEN session for a user whose credentials were just verified. */
export async function startTokenSession(
  db: Db,
  userId: string,
  client: ClientInfo,
  opts: { now?: Date; lifetimes?: SessionLifetimes } = {},
): Promise<{ sessionId: string; tokens: TokenPair }> {
  const now = opts.now ?? new Date();
  const session = await createSession(db, { userId, kind: "TOKEN", client, now }, opts.lifetimes);
  const tokens = await issuePair(db, { id: session.id, userId, expiresAt: session.expiresAt }, now);
  return { sessionId: session.id, tokens };
}

export async function refreshTokenPair(
  db: Db,
  rawRefreshToken: string,
  opts: { now?: Date; graceSeconds?: number; lifetimes?: SessionLifetimes } = {},
): Promise<RefreshResult> {
  const now = opts.now ?? new Date();
  const graceMs = (opts.graceSeconds ?? env.AUTH_REFRESH_REUSE_GRACE_SECONDS) * 1000;
  const lifetimes = opts.lifetimes ?? sessionLifetimes();
  const row = await db.refreshToken.findUnique({
    where: { tokenHash: hashSecretToken(rawRefreshToken) },
    select: {
      id: true,
      usedAt: true,
      expiresAt: true,
      session: {
        select: {
          id: true,
          userId: true,
          kind: true,
          revokedAt: true,
          expiresAt: true,
          lastSeenAt: true,
          user: { select: { status: true } },
        },
      },
    },
  });
  if (row?.session.kind !== "TOKEN") return { ok: false, reason: "invalid" };
  const { session } = row;
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "invalid" };
  if (!isSessionLive(session, now, lifetimes) || session.user.status !== "ACTIVE") {
    return { ok: false, reason: "invalid" };
  }

  let usedAt = row.usedAt;
  if (!usedAt) {
    // Claim the token atomically: of two concurrent refreshes exactly one sees count === 1.
    const claimed = await db.refreshToken.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: now },
    });
    if (claimed.count === 0) {
      const again = await db.refreshToken.findUnique({
        where: { id: row.id },
        select: { usedAt: true },
      });
      usedAt = again?.usedAt ?? now;
    }
  }
  if (usedAt && now.getTime() - usedAt.getTime() > graceMs) {
    await revokeSession(db, session.userId, session.id, "refresh_reuse");
    return { ok: false, reason: "reused" };
  }

  await db.authSession.updateMany({
    where: { id: session.id, revokedAt: null },
    data: { lastSeenAt: now },
  });
  const tokens = await issuePair(db, session, now);
  return { ok: true, tokens, sessionId: session.id };
}

/** Logout for token clients: revokes the refresh token's whole family (its session). Idempotent. */
export async function revokeTokenFamily(db: Db, rawRefreshToken: string): Promise<boolean> {
  const row = await db.refreshToken.findUnique({
    where: { tokenHash: hashSecretToken(rawRefreshToken) },
    select: { session: { select: { id: true, userId: true } } },
  });
  if (!row) return false;
  await revokeSession(db, row.session.userId, row.session.id, "sign_out");
  return true;
}
