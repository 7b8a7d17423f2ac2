// The active organization: details, settings and lifecycle (archive, soft delete, restore, purge).
import type { Db, OrganizationStatus, TenantDb } from "@tenantry/db";
import type {
  TCurrentOrganizationOutput,
  TOrganizationOutput,
  TUpdateOrganizationInput,
} from "@tenantry/validators";
import { Prisma, withTenantTransaction } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { ConflictError, InvalidError, NotFoundError, PreconditionFailedError } from "../errors.ts";
import { licenseLapsed } from "./license.ts";
import { lockOrganization } from "./plan.ts";

/** How long a soft-deleted organization can be restored before the purge job removes it for good. */
export const RESTORE_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

const organizationSelect = {
  id: true,
  name: true,
  slug: true,
  plan: true,
  status: true,
} satisfies Prisma.OrganizationSelect;

const restorableUntil = (deletedAt: Date | null) =>
  deletedAt ? new Date(deletedAt.getTime() + RESTORE_WINDOW_MS) : null;

export async function getCurrentOrganization(
  db: TenantDb,
  actor: MemberActor,
): Promise<TCurrentOrganizationOutput> {
  const org = await db.organization.findUnique({
    where: { id: actor.organizationId },
    select: {
      ...organizationSelect,
      statusReason: true,
      allowedEmailDomains: true,
      deletedAt: true,
    },
  });
  if (!org) throw new NotFoundError("Organization not found");
  return {
    ...org,
    allowedEmailDomains: org.allowedEmailDomains,
    role: actor.membership.role,
    membershipId: actor.membership.id,
    customRole: actor.membership.customRole,
    permissions: [...actor.membership.permissions],
    restorableUntil: org.status === "DELETED" ? restorableUntil(org.deletedAt) : null,
    licenseLapsed: await licenseLapsed(db, actor.organizationId),
  };
}

export async function updateOrganization(
  db: TenantDb,
  actor: MemberActor,
  input: TUpdateOrganizationInput,
): Promise<TOrganizationOutput> {
  const before = await db.organization.findUnique({
    where: { id: actor.organizationId },
    select: { name: true, slug: true, allowedEmailDomains: true },
  });
  if (!before) throw new NotFoundError("Organization not found");
  const domains = input.allowedEmailDomains ? [...new Set(input.allowedEmailDomains)] : undefined;
  const updated = await db.organization
    .update({
      where: { id: actor.organizationId },
      data: { name: input.name, slug: input.slug, allowedEmailDomains: domains },
      select: organizationSelect,
    })
    .catch((error: unknown) => {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new ConflictError("This URL slug is already taken");
      }
      throw error;
    });
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (input.name !== undefined && input.name !== before.name)
    changes.name = { from: before.name, to: updated.name };
  if (input.slug !== undefined && input.slug !== before.slug)
    changes.slug = { from: before.slug, to: updated.slug };
  if (domains && domains.join(",") !== before.allowedEmailDomains.join(","))
    changes.allowedEmailDomains = { from: before.allowedEmailDomains, to: domains };
  await recordAudit(db, actor, {
    action: "organization.update",
    targetType: "organization",
    targetId: actor.organizationId,
    metadata: { changes: changes as Prisma.InputJsonObject },
  });
  return updated;
}

const TRANSITIONS = {
  archive: { from: ["ACTIVE"], to: "ARCHIVED" },
  unarchive: { from: ["ARCHIVED"], to: "ACTIVE" },
  delete: { from: ["ACTIVE", "ARCHIVED"], to: "DELETED" },
  restore: { from: ["DELETED"], to: "ACTIVE" },
} as const satisfies Record<string, { from: OrganizationStatus[]; to: OrganizationStatus }>;

export type LifecycleAction = keyof typeof TRANSITIONS;

/**
 * Moves the organization through its owner-driven lifecycle. Suspension is not among these: only a platform admin
 * suspends or reinstates, so a suspended organization refuses every owner transition here.
 */
export async function transitionOrganization(
  db: TenantDb,
  actor: MemberActor,
  action: LifecycleAction,
  opts: { confirmSlug?: string } = {},
): Promise<TOrganizationOutput> {
  await lockOrganization(db, actor.organizationId);
  const org = await db.organization.findUnique({
    where: { id: actor.organizationId },
    select: { slug: true, status: true, deletedAt: true },
  });
  if (!org) throw new NotFoundError("Organization not found");
  const transition = TRANSITIONS[action];
  if (!(transition.from as readonly OrganizationStatus[]).includes(org.status)) {
    throw new PreconditionFailedError(
      org.status === "SUSPENDED"
        ? "This organization is suspended; contact support to reinstate it"
        : `Cannot ${action} an organization that is ${org.status.toLowerCase()}`,
    );
  }
  if (action === "delete" && opts.confirmSlug !== org.slug) {
    throw new InvalidError("Type the organization's slug to confirm deletion");
  }
  if (action === "restore") {
    const until = restorableUntil(org.deletedAt);
    if (!until || until <= new Date()) {
      throw new PreconditionFailedError(
        "This organization was deleted more than 30 days ago and can no longer be restored",
      );
    }
  }
  const updated = await db.organization.update({
    where: { id: actor.organizationId },
    data: {
      status: transition.to,
      deletedAt: action === "delete" ? new Date() : action === "restore" ? null : undefined,
    },
    select: organizationSelect,
  });
  await recordAudit(db, actor, {
    action: `organization.${action}`,
    targetType: "organization",
    targetId: actor.organizationId,
    metadata: { from: org.status, to: transition.to },
  });
  return updated;
}

/**
 * Permanently removes organizations deleted more than 30 days before `now` (cascading to all their rows). Meant for
 * a periodic worker job. Finding candidates across tenants goes through the SECURITY DEFINER function
 * organizations_due_for_purge, which returns ids only; each purge then runs in that tenant's own transaction and
 * re-checks the state under a row lock, so a restore that races the job wins or loses cleanly.
 */
export async function purgeDeletedOrganizations(
  db: Db,
  opts: { now?: Date; batchSize?: number } = {},
): Promise<{ purged: string[] }> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - RESTORE_WINDOW_MS);
  const candidates = await withTenantTransaction(
    db,
    { userId: "" },
    (tx) => tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM organizations_due_for_purge(${cutoff}::timestamptz, ${opts.batchSize ?? 100}::int)`,
  );
  const purged: string[] = [];
  for (const { id } of candidates) {
    const done = await withTenantTransaction(db, { userId: "", organizationId: id }, async (tx) => {
      const rows = await tx.$queryRaw<{ status: OrganizationStatus; deleted_at: Date | null }[]>`
        SELECT status, deleted_at FROM organizations WHERE id = ${id}::uuid FOR UPDATE`;
      const row = rows[0];
      if (row?.status !== "DELETED" || !row.deleted_at || row.deleted_at >= cutoff) return false;
      // Foreign keys cascade to every tenant table (referential actions run as the table owner, past RLS).
      await tx.organization.delete({ where: { id }, select: { id: true } });
      return true;
    });
    if (done) purged.push(id);
  }
  return { purged };
}
