// The work domain's notifications: mentions, assignments and comments on a task one is assigned to. Called by the
// task and comment services inside their transaction.
import type { TenantDb } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";
import type { TaskRow } from "../work/task-shape.ts";
import { notify } from "./notify.ts";

const EXCERPT = 200;

async function actorName(db: TenantDb, actor: MemberActor): Promise<string> {
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
  return user?.name ?? "Someone";
}

const taskData = (task: TaskRow) => ({
  taskId: task.id,
  taskReference: `${task.project.key}-${task.number}`,
  taskTitle: task.title,
  projectId: task.projectId,
});

export async function notifyAssigned(
  db: TenantDb,
  actor: MemberActor,
  task: TaskRow,
  membershipIds: string[],
): Promise<void> {
  if (membershipIds.length === 0) return;
  await notify(db, {
    organizationId: actor.organizationId,
    kind: "TASK_ASSIGNED",
    membershipIds,
    actorUserId: actor.userId,
    data: { ...taskData(task), actorName: await actorName(db, actor) },
  });
}

/**
 * A comment notifies the members it newly mentions (MENTION) and the task's other assignees (TASK_COMMENT); a
 * member both mentioned and assigned gets the mention only.
 */
export async function notifyComment(
  db: TenantDb,
  actor: MemberActor,
  task: TaskRow,
  body: string,
  newMentionIds: string[],
  opts: { assignees: boolean },
): Promise<void> {
  const name = await actorName(db, actor);
  const data = { ...taskData(task), actorName: name, excerpt: body.slice(0, EXCERPT) };
  const mentioned = await notify(db, {
    organizationId: actor.organizationId,
    kind: "MENTION",
    membershipIds: newMentionIds,
    actorUserId: actor.userId,
    data,
  });
  if (!opts.assignees) return;
  const mentionedMemberships = new Set(newMentionIds);
  const assignees = task.assignees
    .map((a) => a.membership)
    .filter((m) => !mentionedMemberships.has(m.id) && !mentioned.notified.includes(m.user.id));
  await notify(db, {
    organizationId: actor.organizationId,
    kind: "TASK_COMMENT",
    membershipIds: assignees.map((m) => m.id),
    actorUserId: actor.userId,
    data,
  });
}
