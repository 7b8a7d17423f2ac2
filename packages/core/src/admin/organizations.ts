// Platform-admin console: search organizations across tenants, suspend/reinstate/restore them, always with a trail:
// every mutation writes a platform audit entry in its transaction (platform-audit.ts). `db` is the
// platformAdminProcedure transaction; see its comment (packages/api trpc.ts) and the platform_admin migration for
// what that transaction may see. Licenses and users are in licenses.ts and users.ts.
import type { OrganizationStatus, Prisma, TenantDb } from "@tenantry/db";
import type {
  TAdminOrganizationDetailOutput,
  TAdminOrganizationOutput,
} from "@tenantry/validators";
import { setTenant } from "@tenantry/db";

import type { PlatformActor } from "../audit/platform-audit.ts";
import { recordAudit } from "../audit/audit.ts";
import { recordPlatformAudit } from "../audit/platform-audit.ts";
import { InvalidError, NotFoundError, PreconditionFailedError } from "../errors.ts";
import { RESTORE_WINDOW_MS } from "../organization/organization.ts";
import { lockOrganization } from "../organization/plan.ts";
import { olderThan, toPage } from "../page.ts";

export interface PlatformAdmin {
  userId: string;
}

export const asActor = (admin: PlatformAdmin): PlatformActor => ({
  type: "USER",
  userId: admin.userId,
});

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

const orgNotFound = () => new NotFoundError("Organization not found");

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
    if (!cursor) throw new InvalidError("Unknown page cursor");
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
    throw new PreconditionFailedError(
      `Cannot ${action} an organization that is ${org.status.toLowerCase()}`,
    );
  }
  if (
    action === "restore" &&
    (!org.deletedAt || org.deletedAt.getTime() + RESTORE_WINDOW_MS <= Date.now())
  ) {
    throw new PreconditionFailedError(
      "This organization was deleted more than 30 days ago and can no longer be restored",
    );
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
  await recordPlatformAudit(db, asActor(admin), {
    action: `organization.${action}`,
    targetType: "organization",
    targetId: input.id,
    organizationId: input.id,
    metadata: { from: org.status, to: transition.to, reason: input.reason },
  });
  return updated;
}
