// Platform-admin console: users across tenants — status, platform role, sign-in locks and sessions, audited.
import type {
  MembershipRole,
  MembershipStatus,
  OrganizationStatus,
  PlatformRole,
  Prisma,
  TenantDb,
  UserStatus,
} from "@tenantry/db";
import type {
  TAdminUserDetailOutput,
  TAdminUserOutput,
  TSignInLockStatus,
} from "@tenantry/validators";
import { revokeUserSessions, unlockSignIn } from "@tenantry/auth";

import type { PlatformAdmin } from "./organizations.ts";
import { recordPlatformAudit } from "../audit/platform-audit.ts";
import { ForbiddenError, InvalidError, NotFoundError, PreconditionFailedError } from "../errors.ts";
import { olderThan, toPage } from "../page.ts";
import { asActor } from "./organizations.ts";

const userSelect = {
  id: true,
  email: true,
  name: true,
  status: true,
  platformRole: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export async function listUsers(
  db: TenantDb,
  input: { query?: string; status?: UserStatus; cursor?: string | null; limit: number },
): Promise<{ items: TAdminUserOutput[]; nextCursor: string | null }> {
  const where: Prisma.UserWhereInput = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.query
      ? {
          OR: [
            { email: { contains: input.query, mode: "insensitive" } },
            { name: { contains: input.query, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  if (input.cursor) {
    const cursor = await db.user.findUnique({
      where: { id: input.cursor },
      select: { id: true, createdAt: true },
    });
    if (!cursor) throw new InvalidError("Unknown page cursor");
    where.AND = [olderThan(cursor)];
  }
  const rows = await db.user.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: userSelect,
  });
  return toPage(rows, input.limit, (row) => row);
}

const userNotFound = () => new NotFoundError("User not found");

const USER_STATUS_ACTIONS: Record<UserStatus, string> = {
  ACTIVE: "user.reactivate",
  SUSPENDED: "user.suspend",
  DEACTIVATED: "user.deactivate",
};

/** Suspends, deactivates or reactivates an account; takes effect on the user's next request (authedProcedure). */
export async function setUserStatus(
  db: TenantDb,
  admin: PlatformAdmin,
  input: { id: string; status: UserStatus; reason: string },
): Promise<TAdminUserOutput> {
  if (input.id === admin.userId) {
    throw new InvalidError("You cannot change your own account status");
  }
  const before = await db.user.findUnique({
    where: { id: input.id },
    select: { status: true, platformRole: true },
  });
  if (!before) throw userNotFound();
  if (before.platformRole === "ADMIN" && input.status !== "ACTIVE") {
    await requireAnotherActiveAdmin(db, admin, input.id);
  }
  if (before.status === input.status) {
    throw new PreconditionFailedError(`The account is already ${input.status.toLowerCase()}`);
  }
  const user = await db.user.update({
    where: { id: input.id },
    data: { status: input.status },
    select: userSelect,
  });
  await db.userStatusEvent.create({
    data: {
      userId: input.id,
      status: input.status,
      reason: input.reason,
      actorUserId: admin.userId,
    },
    select: { id: true },
  });
  await recordPlatformAudit(db, asActor(admin), {
    action: USER_STATUS_ACTIONS[input.status],
    targetType: "user",
    targetId: input.id,
    metadata: { from: before.status, to: input.status, reason: input.reason },
  });
  return user;
}

/**
 * Serializes changes that can remove a platform admin (demotion, suspension) by locking every admin row, then
 * checks that the acting admin still is one and that an active admin other than `targetId` remains. Without the
 * lock, two admins demoting each other at the same moment would both pass the check and leave none.
 */
async function requireAnotherActiveAdmin(db: TenantDb, admin: PlatformAdmin, targetId: string) {
  const admins = await db.$queryRaw<{ id: string; status: UserStatus }[]>`
    SELECT id::text AS id, status FROM users WHERE platform_role = 'ADMIN' ORDER BY id FOR UPDATE`;
  if (!admins.some((a) => a.id === admin.userId && a.status === "ACTIVE")) {
    throw new ForbiddenError("This needs the platform-admin role");
  }
  if (!admins.some((a) => a.id !== targetId && a.status === "ACTIVE")) {
    throw new PreconditionFailedError("The platform needs at least one active platform admin");
  }
}

export async function getUser(db: TenantDb, id: string): Promise<TAdminUserDetailOutput> {
  const user = await db.user.findUnique({
    where: { id },
    select: { ...userSelect, emailVerified: true },
  });
  if (!user) throw userNotFound();
  // Memberships are tenant rows: the console reads them through the one narrow function the migration grants
  // (platform_admin_user_memberships), which re-checks the caller's platform role in the database.
  const memberships = await db.$queryRaw<
    {
      membership_id: string;
      organization_id: string;
      organization_name: string;
      organization_slug: string;
      organization_status: OrganizationStatus;
      role: MembershipRole;
      custom_role_name: string | null;
      status: MembershipStatus;
      created_at: Date;
    }[]
  >`SELECT membership_id::text, organization_id::text, organization_name, organization_slug,
           organization_status, role, custom_role_name, status, created_at
    FROM platform_admin_user_memberships(${id}::uuid)`;
  return {
    ...user,
    emailVerified: user.emailVerified !== null,
    memberships: memberships.map((m) => ({
      membershipId: m.membership_id,
      organizationId: m.organization_id,
      organizationName: m.organization_name,
      organizationSlug: m.organization_slug,
      organizationStatus: m.organization_status,
      role: m.role,
      customRoleName: m.custom_role_name,
      status: m.status,
      createdAt: m.created_at,
    })),
  };
}

/** Grants or removes the platform-admin role; never your own, never the last active admin. */
export async function setPlatformRole(
  db: TenantDb,
  admin: PlatformAdmin,
  input: { id: string; platformRole: PlatformRole; reason: string },
): Promise<TAdminUserOutput> {
  if (input.id === admin.userId) {
    throw new InvalidError("You cannot change your own platform role");
  }
  const before = await db.user.findUnique({
    where: { id: input.id },
    select: { platformRole: true },
  });
  if (!before) throw userNotFound();
  if (before.platformRole === input.platformRole) {
    throw new PreconditionFailedError(
      input.platformRole === "ADMIN"
        ? "This user is already a platform admin"
        : "This user is not a platform admin",
    );
  }
  if (input.platformRole !== "ADMIN") await requireAnotherActiveAdmin(db, admin, input.id);
  const user = await db.user.update({
    where: { id: input.id },
    data: { platformRole: input.platformRole },
    select: userSelect,
  });
  await recordPlatformAudit(db, asActor(admin), {
    action: "user.set_platform_role",
    targetType: "user",
    targetId: input.id,
    metadata: { from: before.platformRole, to: input.platformRole, reason: input.reason },
  });
  return user;
}

// ---- sign-in locks and sessions (auth.admin.*) ----

export async function signInLockStatus(
  db: TenantDb,
  userId: string,
  now = new Date(),
): Promise<TSignInLockStatus> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, failedSignInCount: true, lockedUntil: true },
  });
  if (!user) throw userNotFound();
  const locked = user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime();
  return {
    userId: user.id,
    failedSignInCount: user.failedSignInCount,
    lockedUntil: locked ? user.lockedUntil : null,
    locked,
  };
}

/** Lifts a temporary sign-in lock early and resets the failure count (as a password reset does). */
export async function unlockUser(
  db: TenantDb,
  admin: PlatformAdmin,
  input: { userId: string; reason?: string },
): Promise<TSignInLockStatus> {
  const before = await signInLockStatus(db, input.userId);
  await unlockSignIn(db, input.userId);
  await recordPlatformAudit(db, asActor(admin), {
    action: "user.unlock",
    targetType: "user",
    targetId: input.userId,
    metadata: {
      wasLocked: before.locked,
      failedSignInCount: before.failedSignInCount,
      reason: input.reason ?? null,
    },
  });
  return signInLockStatus(db, input.userId);
}

/** Signs a user out everywhere (e.g. together with suspending them), in the transaction of its audit entry. */
export async function revokeSessionsAsAdmin(
  db: TenantDb,
  admin: PlatformAdmin,
  input: { userId: string; reason?: string },
): Promise<{ revoked: number }> {
  const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true } });
  if (!user) throw userNotFound();
  const count = await revokeUserSessions(db, input.userId, "admin");
  await recordPlatformAudit(db, asActor(admin), {
    action: "user.revoke_sessions",
    targetType: "user",
    targetId: input.userId,
    metadata: { revoked: count, reason: input.reason ?? null },
  });
  return { revoked: count };
}

export async function userStatusHistory(db: TenantDb, userId: string) {
  return db.userStatusEvent.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      status: true,
      reason: true,
      createdAt: true,
      actor: { select: { id: true, email: true } },
    },
  });
}

/**
 * The bootstrap path (`pnpm admin:grant`): makes the account with `email` a platform admin, optionally creating it
 * first (verified, without organizations). Runs in the CLI's transaction as the database owner, since no admin may
 * exist yet; the entry's actor is "CLI". Returns what happened so the CLI can say so.
 */
export async function grantPlatformAdminByEmail(
  db: TenantDb,
  input: { email: string; reason: string; create?: { name: string; passwordHash: string } },
): Promise<{ userId: string; created: boolean; alreadyAdmin: boolean }> {
  const email = input.email.trim().toLowerCase();
  let user = await db.user.findUnique({
    where: { email },
    select: { id: true, platformRole: true, status: true },
  });
  let created = false;
  if (!user) {
    if (!input.create) throw userNotFound();
    user = await db.user.create({
      data: {
        email,
        name: input.create.name,
        passwordHash: input.create.passwordHash,
        emailVerified: new Date(),
      },
      select: { id: true, platformRole: true, status: true },
    });
    created = true;
  }
  if (user.platformRole === "ADMIN") return { userId: user.id, created, alreadyAdmin: true };
  await db.user.update({
    where: { id: user.id },
    data: { platformRole: "ADMIN" },
    select: { id: true },
  });
  await recordPlatformAudit(
    db,
    { type: "CLI" },
    {
      action: "user.set_platform_role",
      targetType: "user",
      targetId: user.id,
      metadata: { from: "USER", to: "ADMIN", reason: input.reason, created },
    },
  );
  return { userId: user.id, created, alreadyAdmin: false };
}
