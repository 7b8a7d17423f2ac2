// Project domain logic, shared by the tRPC router, the REST surface and jobs. Every query names the organization
// explicitly even though RLS enforces it too (defence in depth, and it lets indexes lead with organization_id).
// Members-only projects are visible to their members and to holders of project.manage_all.
import type { TenantDb } from "@tenantry/db";
import type {
  TCreateProjectInput,
  TProjectOutput,
  TUpdateProjectInput,
} from "@tenantry/validators";
import { Prisma } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";
import type { FieldChanges } from "../audit/audit-redact.ts";
import { recordAudit } from "../audit/audit.ts";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "../errors.ts";
import { emitEvent } from "../jobs/outbox.ts";
import { assertCanAddProject } from "../organization/plan.ts";
import { olderThan, toPage } from "../page.ts";
import { visibleProjectSql, visibleProjectsWhere } from "./project-visibility.ts";

export { visibleProjectSql, visibleProjectsWhere };
export type { VisibilityScope } from "./project-visibility.ts";

const projectSelect = {
  id: true,
  organizationId: true,
  key: true,
  name: true,
  description: true,
  visibility: true,
  teamId: true,
  createdById: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ProjectSelect;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

const keyTaken = (key: string) =>
  new ConflictError(
    `The key ${key} is already used by another project (deleted projects keep their key)`,
  );

/** A free key derived from the name: its letters (at most 6), then a number if taken (WEB, WEB2, ...). */
async function deriveKey(db: TenantDb, organizationId: string, name: string): Promise<string> {
  const letters = name.toUpperCase().replace(/[^A-Z]/g, "");
  const stem = (letters.length >= 2 ? letters : `${letters}PR`).slice(0, 6);
  const taken = new Set(
    (
      await db.project.findMany({
        where: { organizationId, key: { startsWith: stem } },
        select: { key: true },
      })
    ).map((p) => p.key),
  );
  if (!taken.has(stem)) return stem;
  for (let n = 2; n < 10_000; n++) {
    const candidate = `${stem}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
  throw keyTaken(stem);
}

async function assertTeam(db: TenantDb, organizationId: string, teamId: string): Promise<void> {
  const team = await db.team.findUnique({
    where: { organizationId_id: { organizationId, id: teamId } },
    select: { id: true },
  });
  if (!team) throw new NotFoundError("Team not found");
}

export async function listProjects(
  db: TenantDb,
  actor: MemberActor,
  input: { cursor?: string | null; limit: number; includeArchived?: boolean; search?: string },
): Promise<{ items: TProjectOutput[]; nextCursor: string | null }> {
  const where: Prisma.ProjectWhereInput = {
    AND: [
      visibleProjectsWhere(actor),
      input.includeArchived ? {} : { archivedAt: null },
      input.search
        ? {
            OR: [
              { name: { contains: input.search, mode: "insensitive" } },
              { key: { startsWith: input.search.toUpperCase() } },
            ],
          }
        : {},
    ],
  };
  if (input.cursor) {
    const cursor = await db.project.findUnique({
      where: { organizationId_id: { organizationId: actor.organizationId, id: input.cursor } },
      select: { id: true, createdAt: true },
    });
    if (!cursor) throw new InvalidError("Unknown page cursor");
    // Keyset pagination on (created_at, id) descending, served by the (organization_id, created_at, id) index.
    (where.AND as Prisma.ProjectWhereInput[]).push(olderThan(cursor));
  }
  const rows = await db.project.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: projectSelect,
  });
  return toPage(rows, input.limit, (row) => row);
}

export async function getProject(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<TProjectOutput> {
  const project = await db.project.findFirst({
    where: { AND: [visibleProjectsWhere(actor), { id }] },
    select: projectSelect,
  });
  if (!project) throw new NotFoundError("Project not found");
  return project;
}

/** A visible project that can take changes to its tasks (not archived). */
export async function getWritableProject(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<TProjectOutput> {
  const project = await getProject(db, actor, id);
  if (project.archivedAt) {
    throw new ForbiddenError(
      `Project ${project.key} is archived and read-only; unarchive it first`,
    );
  }
  return project;
}

export async function createProject(
  db: TenantDb,
  actor: MemberActor,
  input: TCreateProjectInput,
): Promise<TProjectOutput> {
  await assertCanAddProject(db, actor.organizationId);
  if (input.teamId) await assertTeam(db, actor.organizationId, input.teamId);
  const key = input.key ?? (await deriveKey(db, actor.organizationId, input.name));
  const project = await db.project
    .create({
      data: {
        organizationId: actor.organizationId,
        createdById: actor.userId,
        key,
        name: input.name,
        description: input.description,
        visibility: input.visibility,
        teamId: input.teamId ?? null,
      },
      select: projectSelect,
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? keyTaken(key) : error;
    });
  // The creator of a members-only project must be able to see it.
  if (project.visibility === "MEMBERS") {
    await db.projectMember.create({
      data: {
        organizationId: actor.organizationId,
        projectId: project.id,
        membershipId: actor.membership.id,
      },
    });
  }
  await recordAudit(db, actor, {
    action: "project.create",
    targetType: "project",
    targetId: project.id,
    metadata: { name: project.name, key: project.key },
  });
  await emitEvent(db, actor, "project.created", { project });
  return project;
}

export async function updateProject(
  db: TenantDb,
  actor: MemberActor,
  input: TUpdateProjectInput,
): Promise<TProjectOutput> {
  const before = await getProject(db, actor, input.id);
  if (input.teamId) await assertTeam(db, actor.organizationId, input.teamId);
  const project = await db.project
    .update({
      where: { organizationId_id: { organizationId: actor.organizationId, id: input.id } },
      data: {
        name: input.name,
        key: input.key,
        description: input.description,
        visibility: input.visibility,
        teamId: input.teamId,
      },
      select: projectSelect,
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) && input.key ? keyTaken(input.key) : error;
    });
  const changes: Record<string, { from: string | null; to: string | null }> = {};
  const fieldChanges: FieldChanges = {};
  for (const field of ["name", "key", "description", "visibility", "teamId"] as const) {
    if (before[field] !== project[field]) {
      changes[field] = { from: before[field], to: project[field] };
      fieldChanges[field] = { before: before[field], after: project[field] };
    }
  }
  await recordAudit(db, actor, {
    action: "project.update",
    targetType: "project",
    targetId: project.id,
    // metadata.changes is what the activity sentences read; `changes` is the before/after of the details drawer.
    metadata: { changes },
    changes: fieldChanges,
  });
  await emitEvent(db, actor, "project.updated", { project });
  return project;
}

export async function setProjectArchived(
  db: TenantDb,
  actor: MemberActor,
  id: string,
  archived: boolean,
): Promise<TProjectOutput> {
  const before = await getProject(db, actor, id);
  if (Boolean(before.archivedAt) === archived) return before;
  const project = await db.project.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    data: { archivedAt: archived ? new Date() : null },
    select: projectSelect,
  });
  await recordAudit(db, actor, {
    action: archived ? "project.archive" : "project.unarchive",
    targetType: "project",
    targetId: id,
    metadata: { key: project.key },
  });
  return project;
}

/** Soft delete: the project disappears everywhere but can be restored (its key stays reserved). */
export async function deleteProject(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<{ id: string }> {
  const project = await getProject(db, actor, id);
  await db.project.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    data: { deletedAt: new Date() },
    select: { id: true },
  });
  await recordAudit(db, actor, {
    action: "project.delete",
    targetType: "project",
    targetId: id,
    metadata: { name: project.name, key: project.key },
  });
  await emitEvent(db, actor, "project.deleted", {
    project: { id, name: project.name, key: project.key },
  });
  return { id };
}

export async function listDeletedProjects(
  db: TenantDb,
  actor: MemberActor,
): Promise<(TProjectOutput & { deletedAt: Date })[]> {
  // The trash shows only what the actor could see before the deletion (members-only projects stay hidden).
  const rows = await db.project.findMany({
    where: visibleProjectsWhere(actor, { deleted: true }),
    orderBy: { deletedAt: "desc" },
    take: 100,
    select: { ...projectSelect, deletedAt: true },
  });
  return rows.flatMap((row) => (row.deletedAt ? [{ ...row, deletedAt: row.deletedAt }] : []));
}

export async function restoreProject(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<TProjectOutput> {
  // A restored project counts against the plan again (soft-deleted ones do not).
  await assertCanAddProject(db, actor.organizationId);
  const restored = await db.project.updateManyAndReturn({
    where: { AND: [visibleProjectsWhere(actor, { deleted: true }), { id }] },
    data: { deletedAt: null },
    select: projectSelect,
  });
  const project = restored[0];
  if (!project) throw new NotFoundError("Project not found");
  await recordAudit(db, actor, {
    action: "project.restore",
    targetType: "project",
    targetId: id,
    metadata: { key: project.key },
  });
  return project;
}

export async function listProjectMembers(db: TenantDb, actor: MemberActor, id: string) {
  await getProject(db, actor, id);
  const rows = await db.projectMember.findMany({
    where: { organizationId: actor.organizationId, projectId: id },
    orderBy: { createdAt: "asc" },
    take: 500,
    select: {
      membership: { select: { id: true, user: { select: { id: true, name: true, email: true } } } },
    },
  });
  return rows.map((r) => ({
    membershipId: r.membership.id,
    userId: r.membership.user.id,
    name: r.membership.user.name,
    email: r.membership.user.email,
  }));
}

export async function addProjectMembers(
  db: TenantDb,
  actor: MemberActor,
  id: string,
  membershipIds: string[],
): Promise<{ added: number }> {
  await getProject(db, actor, id);
  const unique = [...new Set(membershipIds)];
  const found = await db.membership.findMany({
    where: { organizationId: actor.organizationId, id: { in: unique }, status: "ACTIVE" },
    select: { id: true },
  });
  if (found.length !== unique.length) {
    throw new InvalidError("Only active members of the organization can be added");
  }
  const { count } = await db.projectMember.createMany({
    data: unique.map((membershipId) => ({
      organizationId: actor.organizationId,
      projectId: id,
      membershipId,
    })),
    skipDuplicates: true,
  });
  await recordAudit(db, actor, {
    action: "project.members.add",
    targetType: "project",
    targetId: id,
    metadata: { membershipIds: unique },
  });
  return { added: count };
}

export async function removeProjectMembers(
  db: TenantDb,
  actor: MemberActor,
  id: string,
  membershipIds: string[],
): Promise<{ removed: number }> {
  await getProject(db, actor, id);
  const { count } = await db.projectMember.deleteMany({
    where: {
      organizationId: actor.organizationId,
      projectId: id,
      membershipId: { in: membershipIds },
    },
  });
  await recordAudit(db, actor, {
    action: "project.members.remove",
    targetType: "project",
    targetId: id,
    metadata: { membershipIds },
  });
  return { removed: count };
}
