// Platform-admin console: search organizations and users across tenants, suspend/reinstate/restore organizations and
// suspend/reactivate users, always with a reason and a trail. `db` is the platformAdminProcedure transaction; see
// its comment (trpc.ts) and the platform_admin migration for what that transaction may see.
import { TRPCError } from "@trpc/server";

import type { OrganizationStatus, Prisma, TenantDb, UserStatus } from "@tenantry/db";
import type {
  TAdminOrganizationDetailOutput,
  TAdminOrganizationOutput,
  TAdminUserOutput,
} from "@tenantry/validators";
import { setTenant } from "@tenantry/db";

import { recordAudit } from "./audit.ts";
import { RESTORE_WINDOW_MS } from "./organization.ts";
import { olderThan, toPage } from "./page.ts";
import { lockOrganization } from "./plan.ts";

export interface PlatformAdmin {
  userId: string;
}

const orgSelect = {
  id: true,
  name: true,
  slug: true,
  plan: true,
  status: true,
  statusReason: true,
  deletedAt: true,
  createdAt: true,
} satisfies Prisma.OrganizationSelect;

const orgNotFound = () => new TRPCError({ code: "NOT_FOUND", message: "Organization not found" });

export async function listOrganizations(
  db: TenantDb,
  input: { query?: string; status?: OrganizationStatus; cursor?: string | null; limit: number },
): Promise<{ items: TAdminOrganizationOutput[]; nextCursor: string | null }> {
  const where: Prisma.OrganizationWhereInput = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.query
      ? {
          OR: [
            { name: { contains: input.query, mode: "insensitive" } },
            { slug: { contains: input.query.toLowerCase() } },
          ],
        }
      : {}),
  };
  if (input.cursor) {
    const cursor = await db.organization.findUnique({
      where: { id: input.cursor },
      select: { id: true, createdAt: true },
    });
    if (!cursor) throw new TRPCError({ code: "BAD_REQUEST", message: "Unknown page cursor" });
    where.AND = [olderThan(cursor)];
  }
  const rows = await db.organization.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: orgSelect,
  });
  return toPage(rows, input.limit, (row) => row);
}

/** Enters one organization's tenant scope for the rest of the admin transaction. */
export async function enterOrganization(db: TenantDb, id: string) {
  const org = await db.organization.findUnique({ where: { id }, select: orgSelect });
  if (!org) throw orgNotFound();
  await setTenant(db, { organizationId: id, role: "PLATFORM_ADMIN" });
  return org;
}

const LIFECYCLE_ACTIONS = [
  "organization.create",
  "organization.suspend",
  "organization.reinstate",
  "organization.archive",
  "organization.unarchive",
  "organization.delete",
  "organization.restore",
];

export async function getOrganization(
  db: TenantDb,
  id: string,
): Promise<TAdminOrganizationDetailOutput> {
  const org = await enterOrganization(db, id);
  const memberCount = await db.membership.count({ where: { organizationId: id } });
  const owners = await db.membership.findMany({
    where: { organizationId: id, role: "OWNER" },
    take: 20,
    select: { userId: true, user: { select: { name: true, email: true } } },
  });
  const history = await db.auditLog.findMany({
    where: { organizationId: id, action: { in: LIFECYCLE_ACTIONS } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
    select: { action: true, metadata: true, createdAt: true, actor: { select: { email: true } } },
  });
  return {
    ...org,
    memberCount,
    owners: owners.map((o) => ({ userId: o.userId, name: o.user.name, email: o.user.email })),
    history: history.map((h) => ({
      action: h.action,
      reason: reasonOf(h.metadata),
      actorEmail: h.actor?.email ?? null,
      createdAt: h.createdAt,
    })),
  };
}

function reasonOf(metadata: Prisma.JsonValue): string | null {
  if (typeof metadata === "object" && metadata !== null && !Array.isArray(metadata)) {
    const reason = metadata.reason;
    return typeof reason === "string" ? reason : null;
  }
  return null;
}

const ADMIN_TRANSITIONS = {
  suspend: { from: ["ACTIVE", "ARCHIVED"], to: "SUSPENDED" },
  reinstate: { from: ["SUSPENDED"], to: "ACTIVE" },
  restore: { from: ["DELETED"], to: "ACTIVE" },
} as const satisfies Record<string, { from: OrganizationStatus[]; to: OrganizationStatus }>;

export async function transitionOrganizationAsAdmin(
  db: TenantDb,
  admin: PlatformAdmin,
  action: keyof typeof ADMIN_TRANSITIONS,
  input: { id: string; reason: string },
): Promise<TAdminOrganizationOutput> {
  await enterOrganization(db, input.id);
  await lockOrganization(db, input.id);
  const org = await db.organization.findUnique({
    where: { id: input.id },
    select: { status: true, deletedAt: true },
  });
  if (!org) throw orgNotFound();
  const transition = ADMIN_TRANSITIONS[action];
  if (!(transition.from as readonly OrganizationStatus[]).includes(org.status)) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `Cannot ${action} an organization that is ${org.status.toLowerCase()}`,
    });
  }
  if (
    action === "restore" &&
    (!org.deletedAt || org.deletedAt.getTime() + RESTORE_WINDOW_MS <= Date.now())
  ) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: "This organization was deleted more than 30 days ago and can no longer be restored",
    });
  }
  const updated = await db.organization.update({
    where: { id: input.id },
    data: {
      status: transition.to,
      statusReason: action === "suspend" ? input.reason : null,
      ...(action === "restore" ? { deletedAt: null } : {}),
    },
    select: orgSelect,
  });
  // Written into the organization's own audit log, so its owners can see what the platform did and why.
  await recordAudit(
    db,
    { userId: admin.userId, organizationId: input.id },
    {
      action: `organization.${action}`,
      targetType: "organization",
      targetId: input.id,
      metadata: { from: org.status, to: transition.to, reason: input.reason, platformAdmin: true },
    },
  );
  return updated;
}

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
    if (!cursor) throw new TRPCError({ code: "BAD_REQUEST", message: "Unknown page cursor" });
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

/** Suspends, deactivates or reactivates an account; takes effect on the user's next request (authedProcedure). */
export async function setUserStatus(
  db: TenantDb,
  admin: PlatformAdmin,
  input: { id: string; status: UserStatus; reason: string },
): Promise<TAdminUserOutput> {
  if (input.id === admin.userId) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "You cannot change your own account status",
    });
  }
  const before = await db.user.findUnique({ where: { id: input.id }, select: { status: true } });
  if (!before) throw new TRPCError({ code: "NOT_FOUND", message: "User not found" });
  if (before.status === input.status) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `The account is already ${input.status.toLowerCase()}`,
    });
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
  return user;
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
