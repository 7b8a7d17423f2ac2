// Task domain logic: creation with race-free per-project numbers, updates with a field-level activity timeline,
// subtasks without cycles, assignees limited to members, tags, bulk changes and deletion.
// Every change lands in task_activities (the task's own timeline); creation, deletion and bulk changes also go to
// the organization's audit log.
import { TRPCError } from "@trpc/server";

import type { TenantDb } from "@tenantry/db";
import type {
  TBulkTasksInput,
  TCreateTaskInput,
  TTaskOutput,
  TTaskStatus,
  TUpdateTaskInput,
} from "@tenantry/validators";
import { Prisma } from "@tenantry/db";
import { ZBulkTasksInput, ZCreateTaskInput, ZUpdateTaskInput } from "@tenantry/validators";

import type { MemberActor } from "./actor.ts";
import type { PageInput } from "./page.ts";
import type { TaskRow } from "./task-shape.ts";
import { recordAudit } from "./audit.ts";
import { fieldError } from "./errors.ts";
import { afterId, toPage } from "./page.ts";
import { getWritableProject, visibleProjectsWhere } from "./project.ts";
import { taskInclude, toTaskOutput } from "./task-shape.ts";

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "Task not found" });

/** A task the actor can see (its project is visible and not deleted), or NOT_FOUND. */
export async function loadTask(db: TenantDb, actor: MemberActor, id: string): Promise<TaskRow> {
  const task = await db.task.findFirst({
    where: { organizationId: actor.organizationId, id, project: visibleProjectsWhere(actor) },
    include: taskInclude,
  });
  if (!task) throw notFound();
  return task;
}

export async function getTask(db: TenantDb, actor: MemberActor, id: string) {
  const task = await loadTask(db, actor, id);
  // Parent and subtasks share the task's project today (assertParent), but nested reads apply the same visibility
  // rule as top-level ones rather than rely on that: a relation never shows a task its reader cannot open.
  const visible = { organizationId: actor.organizationId, project: visibleProjectsWhere(actor) };
  // Sequential on purpose: one transaction is one connection, and node-postgres refuses overlapping queries.
  const subtasks = await db.task.findMany({
    where: { ...visible, parentId: id },
    orderBy: { number: "asc" },
    take: 200,
    select: { id: true, number: true, title: true, status: true },
  });
  const parent = task.parentId
    ? await db.task.findFirst({
        where: { ...visible, id: task.parentId },
        select: { id: true, number: true, title: true },
      })
    : null;
  const key = task.project.key;
  return {
    ...toTaskOutput(task),
    subtasks: subtasks.map((s) => ({
      id: s.id,
      reference: `${key}-${s.number}`,
      title: s.title,
      status: s.status,
    })),
    parent: parent
      ? { id: parent.id, reference: `${key}-${parent.number}`, title: parent.title }
      : null,
  };
}

/** Active memberships of the organization; members-only projects also require project membership. */
async function assertAssignable(
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
    throw new TRPCError({
      code: "BAD_REQUEST",
      message:
        project.visibility === "MEMBERS"
          ? "Assignees must be active members of this project"
          : "Assignees must be active members of the organization",
    });
  }
}

async function assertTags(db: TenantDb, actor: MemberActor, tagIds: string[]): Promise<void> {
  if (tagIds.length === 0) return;
  const count = await db.tag.count({
    where: { organizationId: actor.organizationId, id: { in: tagIds } },
  });
  if (count !== new Set(tagIds).size) {
    throw new TRPCError({ code: "BAD_REQUEST", message: "Unknown tag" });
  }
}

/**
 * A parent must be a task of the same project, and making `taskId` its child must not close a loop: walk up from
 * the proposed parent and refuse if the task itself is among its ancestors.
 */
async function assertParent(
  db: TenantDb,
  actor: MemberActor,
  projectId: string,
  parentId: string,
  taskId: string | null,
): Promise<void> {
  if (taskId === parentId) {
    throw fieldError("parentId", "A task cannot be its own parent");
  }
  const parent = await db.task.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id: parentId } },
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

const completedAtFor = (from: TTaskStatus | null, to: TTaskStatus, current: Date | null) => {
  if (to === "DONE") return from === "DONE" ? current : new Date();
  return null;
};

interface Activity {
  field: string;
  from?: Prisma.InputJsonValue | null;
  to?: Prisma.InputJsonValue | null;
}

/** JSON null must be spelled Prisma.JsonNull; undefined leaves the column SQL NULL. */
const json = (value: Prisma.InputJsonValue | null | undefined) =>
  value === null ? Prisma.JsonNull : value;

async function recordActivities(
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

export async function createTask(
  db: TenantDb,
  actor: MemberActor,
  raw: TCreateTaskInput,
): Promise<TTaskOutput> {
  const input = ZCreateTaskInput.parse(raw);
  const project = await getWritableProject(db, actor, input.projectId);
  const assigneeIds = [...new Set(input.assigneeIds)];
  const tagIds = [...new Set(input.tagIds)];
  await assertAssignable(db, actor, project, assigneeIds);
  await assertTags(db, actor, tagIds);
  if (input.parentId) await assertParent(db, actor, project.id, input.parentId, null);

  // The increment takes the project row's lock until commit, so concurrent creations get distinct numbers.
  const { taskSequence: number } = await db.project.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: project.id } },
    data: { taskSequence: { increment: 1 } },
    select: { taskSequence: true },
  });
  const task = await db.task.create({
    data: {
      organizationId: actor.organizationId,
      projectId: project.id,
      number,
      title: input.title,
      description: input.description,
      status: input.status,
      priority: input.priority,
      dueDate: input.dueDate ? new Date(`${input.dueDate}T00:00:00Z`) : null,
      estimatedHours: input.estimatedHours ?? null,
      actualHours: input.actualHours ?? null,
      parentId: input.parentId ?? null,
      completedAt: input.status === "DONE" ? new Date() : null,
      createdById: actor.userId,
      assignees: {
        createMany: { data: assigneeIds.map((membershipId) => ({ membershipId })) },
      },
      tags: { createMany: { data: tagIds.map((tagId) => ({ tagId })) } },
    },
    include: taskInclude,
  });
  await recordActivities(db, actor, task.id, [
    { field: "created", to: { title: task.title, status: task.status } },
  ]);
  const output = toTaskOutput(task);
  await recordAudit(db, actor, {
    action: "task.create",
    targetType: "task",
    targetId: task.id,
    metadata: { reference: output.reference, title: task.title, projectId: project.id },
  });
  return output;
}

export async function updateTask(
  db: TenantDb,
  actor: MemberActor,
  raw: TUpdateTaskInput,
): Promise<TTaskOutput> {
  const input = ZUpdateTaskInput.parse(raw);
  const before = await loadTask(db, actor, input.id);
  const project = await getWritableProject(db, actor, before.projectId);
  const old = toTaskOutput(before);
  const activities: Activity[] = [];
  const data: Prisma.TaskUncheckedUpdateInput = {};

  const scalar = <K extends "title" | "description" | "priority">(field: K) => {
    const next = input[field];
    if (next !== undefined && next !== old[field]) {
      data[field] = next;
      // Descriptions can be long: the timeline keeps that it changed, not two copies of the text.
      activities.push(field === "description" ? { field } : { field, from: old[field], to: next });
    }
  };
  scalar("title");
  scalar("description");
  scalar("priority");

  if (input.status !== undefined && input.status !== old.status) {
    data.status = input.status;
    data.completedAt = completedAtFor(old.status, input.status, before.completedAt);
    activities.push({ field: "status", from: old.status, to: input.status });
  }
  if (input.dueDate !== undefined && input.dueDate !== old.dueDate) {
    data.dueDate = input.dueDate ? new Date(`${input.dueDate}T00:00:00Z`) : null;
    activities.push({ field: "dueDate", from: old.dueDate, to: input.dueDate });
  }
  for (const field of ["estimatedHours", "actualHours"] as const) {
    const next = input[field];
    if (next !== undefined && next !== old[field]) {
      data[field] = next;
      activities.push({ field, from: old[field], to: next });
    }
  }
  if (input.parentId !== undefined && input.parentId !== old.parentId) {
    if (input.parentId) await assertParent(db, actor, project.id, input.parentId, before.id);
    data.parentId = input.parentId;
    activities.push({ field: "parent", from: old.parentId, to: input.parentId });
  }

  const where = { organizationId: actor.organizationId, taskId: before.id };
  if (input.assigneeIds !== undefined) {
    const next = [...new Set(input.assigneeIds)].sort();
    const prev = old.assignees.map((a) => a.membershipId).sort();
    if (next.join() !== prev.join()) {
      await assertAssignable(db, actor, project, next);
      await db.taskAssignee.deleteMany({ where });
      await db.taskAssignee.createMany({
        data: next.map((membershipId) => ({ ...where, membershipId })),
      });
      activities.push({ field: "assignees", from: prev, to: next });
    }
  }
  if (input.tagIds !== undefined) {
    const next = [...new Set(input.tagIds)].sort();
    const prev = old.tags.map((t) => t.id).sort();
    if (next.join() !== prev.join()) {
      await assertTags(db, actor, next);
      await db.taskTag.deleteMany({ where });
      await db.taskTag.createMany({ data: next.map((tagId) => ({ ...where, tagId })) });
      activities.push({ field: "tags", from: prev, to: next });
    }
  }

  if (activities.length === 0) return old;
  const task = await db.task.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: before.id } },
    // Touch updatedAt even when only assignees/tags changed.
    data: { ...data, updatedAt: new Date() },
    include: taskInclude,
  });
  await recordActivities(db, actor, task.id, activities);
  return toTaskOutput(task);
}

export async function deleteTask(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<{ id: string }> {
  const task = await loadTask(db, actor, id);
  await getWritableProject(db, actor, task.projectId);
  // Subtasks survive as top-level tasks (the self-reference is NO ACTION, see work.prisma).
  await db.task.updateMany({
    where: { organizationId: actor.organizationId, parentId: id },
    data: { parentId: null },
  });
  await db.task.delete({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: { id: true },
  });
  await recordAudit(db, actor, {
    action: "task.delete",
    targetType: "task",
    targetId: id,
    metadata: {
      reference: `${task.project.key}-${task.number}`,
      title: task.title,
      projectId: task.projectId,
    },
  });
  return { id };
}

/** Applies one change to up to 100 tasks in the caller's transaction: all of them or none. */
export async function bulkUpdateTasks(
  db: TenantDb,
  actor: MemberActor,
  raw: TBulkTasksInput,
): Promise<{ updated: number }> {
  const input = ZBulkTasksInput.parse(raw);
  const ids = [...new Set(input.ids)];
  const tasks = await db.task.findMany({
    where: {
      organizationId: actor.organizationId,
      id: { in: ids },
      project: visibleProjectsWhere(actor),
    },
    select: {
      id: true,
      status: true,
      completedAt: true,
      projectId: true,
      assignees: { select: { membershipId: true } },
      tags: { select: { tagId: true } },
    },
  });
  if (tasks.length !== ids.length) throw notFound();
  const projects = new Map<string, Awaited<ReturnType<typeof getWritableProject>>>();
  for (const projectId of new Set(tasks.map((t) => t.projectId))) {
    projects.set(projectId, await getWritableProject(db, actor, projectId));
  }

  const action = input.action;
  let updated = 0;
  for (const task of tasks) {
    const where = { organizationId: actor.organizationId, taskId: task.id };
    const activities: Activity[] = [];
    switch (action.type) {
      case "setStatus":
        if (task.status !== action.status) {
          await db.task.update({
            where: { organizationId_id: { organizationId: actor.organizationId, id: task.id } },
            data: {
              status: action.status,
              completedAt: completedAtFor(task.status, action.status, task.completedAt),
            },
          });
          activities.push({ field: "status", from: task.status, to: action.status });
        }
        break;
      case "setPriority": {
        const { count } = await db.task.updateMany({
          where: {
            organizationId: actor.organizationId,
            id: task.id,
            NOT: { priority: action.priority },
          },
          data: { priority: action.priority },
        });
        if (count > 0) activities.push({ field: "priority", to: action.priority });
        break;
      }
      case "addAssignee": {
        const project = projects.get(task.projectId);
        if (project) await assertAssignable(db, actor, project, [action.membershipId]);
        if (!task.assignees.some((a) => a.membershipId === action.membershipId)) {
          await db.taskAssignee.create({ data: { ...where, membershipId: action.membershipId } });
          activities.push({ field: "assignees", to: { added: action.membershipId } });
        }
        break;
      }
      case "removeAssignee": {
        const { count } = await db.taskAssignee.deleteMany({
          where: { ...where, membershipId: action.membershipId },
        });
        if (count > 0)
          activities.push({ field: "assignees", to: { removed: action.membershipId } });
        break;
      }
      case "setAssignees": {
        const next = [...new Set(action.membershipIds)].sort();
        const prev = task.assignees.map((a) => a.membershipId).sort();
        if (next.join() !== prev.join()) {
          const project = projects.get(task.projectId);
          if (project) await assertAssignable(db, actor, project, next);
          await db.taskAssignee.deleteMany({ where });
          await db.taskAssignee.createMany({
            data: next.map((membershipId) => ({ ...where, membershipId })),
          });
          activities.push({ field: "assignees", from: prev, to: next });
        }
        break;
      }
      case "addTag":
        await assertTags(db, actor, [action.tagId]);
        if (!task.tags.some((t) => t.tagId === action.tagId)) {
          await db.taskTag.create({ data: { ...where, tagId: action.tagId } });
          activities.push({ field: "tags", to: { added: action.tagId } });
        }
        break;
      case "removeTag": {
        const { count } = await db.taskTag.deleteMany({ where: { ...where, tagId: action.tagId } });
        if (count > 0) activities.push({ field: "tags", to: { removed: action.tagId } });
        break;
      }
    }
    if (activities.length > 0) {
      updated += 1;
      await recordActivities(db, actor, task.id, activities);
    }
  }
  await recordAudit(db, actor, {
    action: "task.bulk",
    targetType: "task",
    metadata: { action: { ...action }, ids, updated, projectIds: [...projects.keys()] },
  });
  return { updated };
}

export async function listTaskActivity(
  db: TenantDb,
  actor: MemberActor,
  taskId: string,
  input: PageInput,
) {
  await loadTask(db, actor, taskId);
  const rows = await db.taskActivity.findMany({
    where: { organizationId: actor.organizationId, taskId, ...afterId(input) },
    orderBy: { id: "asc" },
    take: input.limit + 1,
    select: {
      id: true,
      field: true,
      fromValue: true,
      toValue: true,
      createdAt: true,
      actor: { select: { id: true, name: true } },
    },
  });
  return toPage(rows, input.limit, (r) => ({
    id: r.id,
    field: r.field,
    from: r.fromValue,
    to: r.toValue,
    actor: r.actor,
    createdAt: r.createdAt,
  }));
}
