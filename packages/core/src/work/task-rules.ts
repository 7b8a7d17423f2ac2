// The rules every task change checks (assignees are members of the project, tags and parents of the tenant)
// and the activity timeline it writes, shared by single and bulk changes.
import type { TenantDb } from "@tenantry/db";
import type { TTaskStatus } from "@tenantry/validators";
import { Prisma } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";
import { fieldError, InvalidError } from "../errors.ts";

/** Active memberships of the organization; members-only projects also require project membership. */
export async function assertAssignable(
  db: TenantDb,
  actor: MemberActor,
  project: { id: string; visibility: string },
  membershipIds: string[],
): Promise<void> {
  if (membershipIds.length === 0) return;
  const found = await db.membership.findMany({
    where: {
      organizationId: actor.organizationId,
      id: { in: membershipIds },
      status: "ACTIVE",
      ...(project.visibility === "MEMBERS"
        ? { projects: { some: { organizationId: actor.organizationId, projectId: project.id } } }
        : {}),
    },
    select: { id: true },
  });
  if (found.length !== new Set(membershipIds).size) {
    throw new InvalidError(
      project.visibility === "MEMBERS"
        ? "Assignees must be active members of this project"
        : "Assignees must be active members of the organization",
    );
  }
}

export async function assertTags(
  db: TenantDb,
  actor: MemberActor,
  tagIds: string[],
): Promise<void> {
  if (tagIds.length === 0) return;
  const count = await db.tag.count({
    where: { organizationId: actor.organizationId, id: { in: tagIds } },
  });
  if (count !== new Set(tagIds).size) {
    throw new InvalidError("Unknown tag");
  }
}

/**
 * A parent must be a task of the same project, and making `taskId` its child must not close a loop: walk up from
 * the proposed parent and refuse if the task itself is among its ancestors.
 */
export async function assertParent(
  db: TenantDb,
  actor: MemberActor,
  projectId: string,
  parentId: string,
  taskId: string | null,
): Promise<void> {
  if (taskId === parentId) {
    throw fieldError("parentId", "A task cannot be its own parent");
  }
  // A deleted task is no parent: it reads as missing, like another organization's.
  const parent = await db.task.findFirst({
    where: { organizationId: actor.organizationId, id: parentId, deletedAt: null },
    select: { projectId: true },
  });
  if (parent?.projectId !== projectId) {
    throw fieldError("parentId", "The parent must be a task of the same project");
  }
  if (!taskId) return;
  const ancestors = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM tasks
      WHERE organization_id = ${actor.organizationId}::uuid AND id = ${parentId}::uuid
      UNION ALL
      SELECT t.id, t.parent_id, up.depth + 1 FROM tasks t
      JOIN up ON t.organization_id = ${actor.organizationId}::uuid AND t.id = up.parent_id
      WHERE up.depth < 1000
    )
    SELECT id FROM up WHERE id = ${taskId}::uuid LIMIT 1`;
  if (ancestors.length > 0) {
    throw fieldError(
      "parentId",
      "That parent would make the task its own ancestor (subtasks cannot form a cycle)",
    );
  }
}

export const completedAtFor = (from: TTaskStatus | null, to: TTaskStatus, current: Date | null) => {
  if (to === "DONE") return from === "DONE" ? current : new Date();
  return null;
};

export interface Activity {
  field: string;
  from?: Prisma.InputJsonValue | null;
  to?: Prisma.InputJsonValue | null;
}

/** JSON null must be spelled Prisma.JsonNull; undefined leaves the column SQL NULL. */
export const json = (value: Prisma.InputJsonValue | null | undefined) =>
  value === null ? Prisma.JsonNull : value;

export async function recordActivities(
  db: TenantDb,
  actor: MemberActor,
  taskId: string,
  activities: Activity[],
): Promise<void> {
  if (activities.length === 0) return;
  await db.taskActivity.createMany({
    data: activities.map((a) => ({
      field: a.field,
      fromValue: json(a.from),
      toValue: json(a.to),
      organizationId: actor.organizationId,
      taskId,
      actorId: actor.userId,
    })),
  });
}
