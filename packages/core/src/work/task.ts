// Task domain logic: creation with race-free per-project numbers, updates with a field-level activity timeline,
// subtasks without cycles, assignees limited to members and tags (bulk changes: task-bulk.ts; soft deletion,
// restore and purge: task-trash.ts).
// Every change lands in task_activities (the task's own timeline); creation, deletion and bulk changes also go to
// the organization's audit log.
import type { Prisma, TenantDb } from "@tenantry/db";
import type { TCreateTaskInput, TTaskOutput, TUpdateTaskInput } from "@tenantry/validators";

import type { MemberActor } from "../actor.ts";
import type { PageInput } from "../page.ts";
import type { Activity } from "./task-rules.ts";
import type { TaskRow } from "./task-shape.ts";
import { diffFields } from "../audit/audit-redact.ts";
import { recordAudit } from "../audit/audit.ts";
import { NotFoundError } from "../errors.ts";
import { emitEvent } from "../jobs/outbox.ts";
import { notifyAssigned } from "../notifications/work.ts";
import { afterId, toPage } from "../page.ts";
import { recordTaskCreated } from "../usage/billable.ts";
import { getWritableProject, visibleProjectsWhere } from "./project.ts";
import {
  assertAssignable,
  assertParent,
  assertTags,
  completedAtFor,
  recordActivities,
} from "./task-rules.ts";
import { taskInclude, toTaskOutput } from "./task-shape.ts";

export { bulkUpdateTasks } from "./task-bulk.ts";
export { bulkDeleteTasks, deleteTask, restoreTask } from "./task-trash.ts";

/** A task the actor can see (its project is visible and not deleted), or NOT_FOUND. */
export async function loadTask(db: TenantDb, actor: MemberActor, id: string): Promise<TaskRow> {
  const task = await db.task.findFirst({
    where: {
      organizationId: actor.organizationId,
      id,
      deletedAt: null,
      project: visibleProjectsWhere(actor),
    },
    include: taskInclude,
  });
  if (!task) throw new NotFoundError("Task not found");
  return task;
}

export async function getTask(db: TenantDb, actor: MemberActor, id: string) {
  const task = await loadTask(db, actor, id);
  // Parent and subtasks share the task's project today (assertParent), but nested reads apply the same visibility
  // rule as top-level ones rather than rely on that: a relation never shows a task its reader cannot open.
  const visible = {
    organizationId: actor.organizationId,
    deletedAt: null,
    project: visibleProjectsWhere(actor),
  };
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

export async function createTask(
  db: TenantDb,
  actor: MemberActor,
  input: TCreateTaskInput,
): Promise<TTaskOutput> {
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
  await notifyAssigned(db, actor, task, assigneeIds);
  await recordTaskCreated(db, actor.organizationId, task.id);
  await emitEvent(db, actor, "task.created", { task: output });
  return output;
}

export async function updateTask(
  db: TenantDb,
  actor: MemberActor,
  input: TUpdateTaskInput,
): Promise<TTaskOutput> {
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
  const output = toTaskOutput(task);
  const pick = (t: TTaskOutput) => ({
    title: t.title,
    description: t.description,
    status: t.status,
    priority: t.priority,
    dueDate: t.dueDate,
    estimatedHours: t.estimatedHours,
    actualHours: t.actualHours,
    parentId: t.parentId,
    assignees: t.assignees.map((a) => a.membershipId).sort(),
    tags: t.tags.map((x) => x.id).sort(),
  });
  await recordAudit(db, actor, {
    action: "task.update",
    targetType: "task",
    targetId: task.id,
    metadata: { reference: output.reference, title: task.title, projectId: task.projectId },
    changes: diffFields(pick(old), pick(output)),
  });
  const added = output.assignees
    .map((a) => a.membershipId)
    .filter((id) => !old.assignees.some((a) => a.membershipId === id));
  await notifyAssigned(db, actor, task, added);
  await emitEvent(db, actor, "task.updated", { task: output });
  return output;
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
