// Teams: groups of members inside an organization, to which projects can be assigned. A team shows only the
// projects its reader may see (members-only projects stay hidden from non-members, as in project.list).
import type { TenantDb } from "@tenantry/db";
import type {
  TAssignProjectTeamInput,
  TCreateTeamInput,
  TRenameTeamInput,
  TTeamMemberInput,
  TTeamOutput,
} from "@tenantry/validators";
import { Prisma } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { ConflictError, NotFoundError } from "../errors.ts";
import { visibleProjectsWhere } from "../work/project.ts";

function teamSelect(actor: MemberActor) {
  return {
    id: true,
    name: true,
    createdAt: true,
    members: {
      orderBy: { createdAt: "asc" },
      take: 500,
      select: {
        membershipId: true,
        membership: { select: { userId: true, user: { select: { name: true, email: true } } } },
      },
    },
    projects: {
      where: visibleProjectsWhere(actor),
      orderBy: { name: "asc" },
      take: 500,
      select: { id: true, name: true },
    },
  } satisfies Prisma.TeamSelect;
}

type TeamRow = Prisma.TeamGetPayload<{ select: ReturnType<typeof teamSelect> }>;

function toOutput(row: TeamRow): TTeamOutput {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt,
    members: row.members.map((m) => ({
      membershipId: m.membershipId,
      userId: m.membership.userId,
      name: m.membership.user.name,
      email: m.membership.user.email,
    })),
    projects: row.projects,
  };
}

const teamNotFound = () => new NotFoundError("Team not found");
const nameTaken = () => new ConflictError("A team with this name already exists");

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

async function getTeam(db: TenantDb, actor: MemberActor, id: string): Promise<TTeamOutput> {
  const row = await db.team.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: teamSelect(actor),
  });
  if (!row) throw teamNotFound();
  return toOutput(row);
}

export async function listTeams(db: TenantDb, actor: MemberActor): Promise<TTeamOutput[]> {
  const rows = await db.team.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: { name: "asc" },
    take: 200,
    select: teamSelect(actor),
  });
  return rows.map(toOutput);
}

export async function createTeam(
  db: TenantDb,
  actor: MemberActor,
  input: TCreateTeamInput,
): Promise<TTeamOutput> {
  const row = await db.team
    .create({
      data: { organizationId: actor.organizationId, name: input.name },
      select: teamSelect(actor),
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? nameTaken() : error;
    });
  await recordAudit(db, actor, {
    action: "team.create",
    targetType: "team",
    targetId: row.id,
    metadata: { name: row.name },
  });
  return toOutput(row);
}

export async function renameTeam(
  db: TenantDb,
  actor: MemberActor,
  input: TRenameTeamInput,
): Promise<TTeamOutput> {
  const before = await getTeam(db, actor, input.id);
  const row = await db.team
    .update({
      where: { organizationId_id: { organizationId: actor.organizationId, id: input.id } },
      data: { name: input.name },
      select: teamSelect(actor),
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? nameTaken() : error;
    });
  await recordAudit(db, actor, {
    action: "team.rename",
    targetType: "team",
    targetId: row.id,
    metadata: { from: before.name, to: row.name },
  });
  return toOutput(row);
}

/**
 * Deletes a team; its projects stay, unassigned. The projects' foreign key is RESTRICT on purpose: a composite
 * ON DELETE SET NULL would null organization_id as well (Prisma cannot express PostgreSQL 15's column list), so the
 * unassignment happens here, in the same transaction.
 */
export async function deleteTeam(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<{ id: string }> {
  const team = await getTeam(db, actor, id);
  await db.project.updateMany({
    where: { organizationId: actor.organizationId, teamId: id },
    data: { teamId: null },
  });
  await db.team.delete({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: { id: true },
  });
  await recordAudit(db, actor, {
    action: "team.delete",
    targetType: "team",
    targetId: id,
    metadata: { name: team.name },
  });
  return { id };
}

export async function addTeamMember(
  db: TenantDb,
  actor: MemberActor,
  input: TTeamMemberInput,
): Promise<TTeamOutput> {
  await getTeam(db, actor, input.teamId);
  const membership = await db.membership.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.membershipId } },
    select: { id: true, userId: true },
  });
  if (!membership) throw new NotFoundError("Member not found");
  await db.teamMember
    .create({
      data: {
        organizationId: actor.organizationId,
        teamId: input.teamId,
        membershipId: membership.id,
      },
      select: { id: true },
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) {
        throw new ConflictError("Already a member of this team");
      }
      throw error;
    });
  await recordAudit(db, actor, {
    action: "team.add_member",
    targetType: "team",
    targetId: input.teamId,
    metadata: { membershipId: membership.id, userId: membership.userId },
  });
  return getTeam(db, actor, input.teamId);
}

export async function removeTeamMember(
  db: TenantDb,
  actor: MemberActor,
  input: TTeamMemberInput,
): Promise<TTeamOutput> {
  const removed = await db.teamMember.deleteMany({
    where: {
      organizationId: actor.organizationId,
      teamId: input.teamId,
      membershipId: input.membershipId,
    },
  });
  if (removed.count === 0) {
    throw new NotFoundError("Not a member of this team");
  }
  await recordAudit(db, actor, {
    action: "team.remove_member",
    targetType: "team",
    targetId: input.teamId,
    metadata: { membershipId: input.membershipId },
  });
  return getTeam(db, actor, input.teamId);
}

export async function assignProjectTeam(
  db: TenantDb,
  actor: MemberActor,
  input: TAssignProjectTeamInput,
): Promise<{ projectId: string; teamId: string | null }> {
  if (input.teamId) await getTeam(db, actor, input.teamId);
  // Only a project the actor can see: a members-only project they are not in is NOT_FOUND, as everywhere else.
  const updated = await db.project.updateMany({
    where: { AND: [visibleProjectsWhere(actor), { id: input.projectId }] },
    data: { teamId: input.teamId },
  });
  if (updated.count === 0) throw new NotFoundError("Project not found");
  await recordAudit(db, actor, {
    action: "team.assign_project",
    targetType: "project",
    targetId: input.projectId,
    metadata: { teamId: input.teamId },
  });
  return { projectId: input.projectId, teamId: input.teamId };
}
