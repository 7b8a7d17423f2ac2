// Server-side sessions: every sign-in (browser or token client) is an auth_sessions row that each request checks,
// so revoking it, letting it idle out or suspending the user takes effect on the next request (OWASP ASVS V7).
import type { Db, PlatformRole, UserStatus } from "@tenantry/db";

import type { ClientInfo } from "./client-info.ts";
import { env } from "./env.ts";

export type SessionKind = "WEB" | "TOKEN";

export interface SessionLifetimes {
  /** Absolute lifetime in seconds. */
  maxAgeSeconds: number;
  /** Idle lifetime in seconds. */
  idleSeconds: number;
  /** Minimum seconds between lastSeenAt writes. */
  touchSeconds: number;
}

export const sessionLifetimes = (): SessionLifetimes => ({
  maxAgeSeconds: env.AUTH_SESSION_MAX_AGE_SECONDS,
  idleSeconds: env.AUTH_SESSION_IDLE_SECONDS,
  touchSeconds: env.AUTH_SESSION_TOUCH_SECONDS,
});

export interface ResolvedSession {
  sessionId: string;
  kind: SessionKind;
  expiresAt: Date;
  /** The organization the session last named (unverified: the caller checks membership). */
  activeOrganizationId: string | null;
  user: {
    id: string;
    email: string;
    name: string;
    status: UserStatus;
    platformRole: PlatformRole;
  };
}

export async function createSession(
  db: Db,
  input: { userId: string; kind: SessionKind; client: ClientInfo; now?: Date },
  lifetimes: SessionLifetimes = sessionLifetimes(),
): Promise<{ id: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  return db.authSession.create({
    data: {
      userId: input.userId,
      kind: input.kind,
      userAgent: input.client.userAgent.slice(0, 512),
      ip: input.client.ip.slice(0, 64),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + lifetimes.maxAgeSeconds * 1000),
    },
    select: { id: true, expiresAt: true },
  });
}

interface SessionRow {
  id: string;
  kind: SessionKind;
  revokedAt: Date | null;
  expiresAt: Date;
  lastSeenAt: Date;
  activeOrganizationId: string | null;
  userId: string;
  email: string;
  name: string;
  status: UserStatus;
  platformRole: PlatformRole;
}

/** True while the session may be used: not revoked, within both lifetimes. */
export function isSessionLive(
  row: { revokedAt: Date | null; expiresAt: Date; lastSeenAt: Date },
  now: Date,
  lifetimes: SessionLifetimes,
): boolean {
  if (row.revokedAt) return false;
  if (row.expiresAt.getTime() <= now.getTime()) return false;
  return row.lastSeenAt.getTime() + lifetimes.idleSeconds * 1000 > now.getTime();
}

/**
 * The session and its user when the session may be used right now; null when it is unknown, revoked, expired
 * (idle or absolute) or its user is no longer ACTIVE. Records activity at most once per `touchSeconds`.
 * `expectedUserId` guards against a token whose subject and session disagree.
 */
export async function resolveSession(
  db: Db,
  sessionId: string,
  opts: { expectedUserId?: string; now?: Date; lifetimes?: SessionLifetimes } = {},
): Promise<ResolvedSession | null> {
  if (!isUuid(sessionId)) return null;
  const now = opts.now ?? new Date();
  const lifetimes = opts.lifetimes ?? sessionLifetimes();
  // One statement for the session and its user (Prisma's nested select would send two, sequentially): this runs on
  // every authenticated request.
  const rows = await db.$queryRaw<SessionRow[]>`
    SELECT s.id, s.kind::text AS kind, s.revoked_at AS "revokedAt", s.expires_at AS "expiresAt",
           s.last_seen_at AS "lastSeenAt", s.active_organization_id::text AS "activeOrganizationId",
           u.id::text AS "userId", u.email, u.name, u.status::text AS status,
           u.platform_role::text AS "platformRole"
    FROM auth_sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = ${sessionId}::uuid`;
  const found = rows[0];
  const row = found && {
    ...found,
    user: {
      id: found.userId,
      email: found.email,
      name: found.name,
      status: found.status,
      platformRole: found.platformRole,
    },
  };
  if (!row || !isSessionLive(row, now, lifetimes)) return null;
  if (opts.expectedUserId && row.user.id !== opts.expectedUserId) return null;
  if (row.user.status !== "ACTIVE") return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= lifetimes.touchSeconds * 1000) {
    // Conditional on not being revoked meanwhile; a lost race only delays the next touch.
    await db.authSession.updateMany({
      where: { id: row.id, revokedAt: null },
      data: { lastSeenAt: now },
    });
  }
  return {
    sessionId: row.id,
    kind: row.kind,
    expiresAt: row.expiresAt,
    activeOrganizationId: row.activeOrganizationId,
    user: row.user,
  };
}

/** Remembers the organization a session works in; a no-op for a revoked session. */
export async function setActiveOrganization(
  db: Db,
  sessionId: string,
  organizationId: string,
): Promise<void> {
  await db.authSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { activeOrganizationId: organizationId },
  });
}

export type RevokeReason =
  | "sign_out"
  | "user"
  | "password_change"
  | "password_reset"
  | "email_change"
  | "refresh_reuse"
  | "admin"
  | "suspended";

/** Revokes one of the user's sessions; false when it is not theirs or already revoked. */
export async function revokeSession(
  db: Pick<Db, "authSession">,
  userId: string,
  sessionId: string,
  reason: RevokeReason,
): Promise<boolean> {
  if (!isUuid(sessionId)) return false;
  const { count } = await db.authSession.updateMany({
    where: { id: sessionId, userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return count === 1;
}

/** Revokes all of the user's sessions except `keepSessionId` (all when null); returns how many. */
export async function revokeUserSessions(
  db: Pick<Db, "authSession">,
  userId: string,
  reason: RevokeReason,
  keepSessionId: string | null = null,
): Promise<number> {
  const { count } = await db.authSession.updateMany({
    where: { userId, revokedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return count;
}

/** The user's usable sessions, most recently active first. */
export async function listUserSessions(db: Db, userId: string, now = new Date()) {
  const lifetimes = sessionLifetimes();
  const rows = await db.authSession.findMany({
    where: {
      userId,
      revokedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - lifetimes.idleSeconds * 1000) },
    },
    orderBy: [{ lastSeenAt: "desc" }, { id: "desc" }],
    take: 100,
    select: {
      id: true,
      kind: true,
      userAgent: true,
      ip: true,
      createdAt: true,
      lastSeenAt: true,
      expiresAt: true,
    },
  });
  return rows;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function isUuid(value: string): boolean {
  return UUID.test(value);
}
