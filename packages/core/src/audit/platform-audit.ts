// The platform audit log: what platform admins (and the bootstrap CLI) did, across organizations. Entries are written
// through the caller's transaction, so they commit or roll back with the action; the table's policies admit reads and
// writes only inside a platform-admin transaction (see the platform_audit_log migration).
import type { z } from "zod";

import type { Prisma, TenantDb } from "@tenantry/db";
import type { TPlatformAuditEntryOutput, ZAdminListAuditInput } from "@tenantry/validators";

import { InvalidError } from "../errors.ts";
import { olderThan, toPage } from "../page.ts";

/** A signed-in platform admin, or `pnpm admin:grant` (which connects as the database owner, see scripts/). */
export type PlatformActor = { type: "USER"; userId: string } | { type: "CLI" };

export interface PlatformAuditEvent {
  action: string;
  targetType: "organization" | "license" | "user";
  targetId: string;
  /** The organization the action concerned, when there is one. */
  organizationId?: string;
  metadata?: Prisma.InputJsonObject;
}

export async function recordPlatformAudit(
  db: TenantDb,
  actor: PlatformActor,
  event: PlatformAuditEvent,
): Promise<void> {
  await db.platformAuditLog.create({
    data: {
      actorType: actor.type,
      actorUserId: actor.type === "USER" ? actor.userId : null,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      organizationId: event.organizationId ?? null,
      metadata: event.metadata ?? {},
    },
    select: { id: true },
  });
}

export type AccountAction =
  | "account.profile_update"
  | "account.password_change"
  | "account.password_reset"
  | "account.email_change"
  | "account.session_revoke"
  | "account.sessions_revoke_others"
  | "account.delete";

/**
 * An event of a user's own account, written by that user in the transaction of the change (a transaction with
 * app.user_id = userId: withTenantTransaction). The migration's account policy admits nothing else from non-admins.
 */
export async function recordAccountEvent(
  tx: TenantDb,
  userId: string,
  action: AccountAction,
  metadata: Prisma.InputJsonObject = {},
): Promise<void> {
  // createMany: an INSERT without RETURNING. The user may write the entry but not read it back (RETURNING would need
  // the platform-admin SELECT policy).
  await tx.platformAuditLog.createMany({
    data: [
      {
        actorType: "USER",
        actorUserId: userId,
        action,
        targetType: "user",
        targetId: userId,
        metadata,
      },
    ],
  });
}

/** Newest first, keyset-paged, filtered by action, target and organization. */
export async function listPlatformAudit(
  db: TenantDb,
  input: z.output<typeof ZAdminListAuditInput>,
): Promise<{ items: TPlatformAuditEntryOutput[]; nextCursor: string | null }> {
  const where: Prisma.PlatformAuditLogWhereInput = {
    ...(input.action ? { action: input.action } : {}),
    ...(input.targetType ? { targetType: input.targetType } : {}),
    ...(input.targetId ? { targetId: input.targetId } : {}),
    ...(input.organizationId ? { organizationId: input.organizationId } : {}),
  };
  if (input.cursor) {
    const cursor = await db.platformAuditLog.findUnique({
      where: { id: input.cursor },
      select: { id: true, createdAt: true },
    });
    if (!cursor) throw new InvalidError("Unknown page cursor");
    where.AND = [olderThan(cursor)];
  }
  const rows = await db.platformAuditLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      id: true,
      actorType: true,
      action: true,
      targetType: true,
      targetId: true,
      organizationId: true,
      metadata: true,
      createdAt: true,
      actor: { select: { id: true, name: true, email: true } },
    },
  });
  const labels = await targetLabels(db, rows.slice(0, input.limit));
  return toPage(rows, input.limit, (row) => ({
    ...row,
    targetLabel: row.targetId ? (labels.get(row.targetId) ?? null) : null,
    metadata: isObject(row.metadata) ? row.metadata : {},
  }));
}

/**
 * Current labels of a page's targets: users by email, organizations by name (readable across tenants in this
 * transaction through the platform-admin policy). Licenses are labelled by their organization.
 */
async function targetLabels(
  db: TenantDb,
  rows: { targetType: string; targetId: string | null; organizationId: string | null }[],
): Promise<Map<string, string>> {
  const ids = (type: string) => [
    ...new Set(rows.flatMap((r) => (r.targetType === type && r.targetId ? [r.targetId] : []))),
  ];
  const licenseOrgs = new Map(
    rows.flatMap((r) =>
      r.targetType === "license" && r.targetId && r.organizationId
        ? [[r.targetId, r.organizationId] as const]
        : [],
    ),
  );
  const users = await db.user.findMany({
    where: { id: { in: ids("user") } },
    select: { id: true, email: true },
  });
  const organizations = await db.organization.findMany({
    where: { id: { in: [...new Set([...ids("organization"), ...licenseOrgs.values()])] } },
    select: { id: true, name: true },
  });
  const orgNames = new Map(organizations.map((o) => [o.id, o.name]));
  const labels = new Map<string, string>(users.map((u) => [u.id, u.email]));
  for (const [id, name] of orgNames) labels.set(id, name);
  for (const [licenseId, organizationId] of licenseOrgs) {
    const name = orgNames.get(organizationId);
    if (name) labels.set(licenseId, `license of ${name}`);
  }
  return labels;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
