// Comments on tasks: authors edit and delete their own; holders of comment.moderate may delete anyone's.
// Mentions name memberships of the organization (validated), so a mention can never point at another tenant.
import type { Prisma, TenantDb } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";
import type { PageInput } from "../page.ts";
import { recordAudit } from "../audit/audit.ts";
import { ForbiddenError, InvalidError, NotFoundError } from "../errors.ts";
import { emitEvent } from "../jobs/outbox.ts";
import { notifyComment } from "../notifications/work.ts";
import { afterId, toPage } from "../page.ts";
import { loadTask } from "./task.ts";

const commentSelect = {
  id: true,
  taskId: true,
  body: true,
  editedAt: true,
  createdAt: true,
  authorId: true,
  author: { select: { id: true, name: true } },
  mentions: {
    select: {
      membership: { select: { id: true, user: { select: { id: true, name: true, email: true } } } },
    },
  },
} satisfies Prisma.TaskCommentSelect;

type CommentRow = Prisma.TaskCommentGetPayload<{ select: typeof commentSelect }>;

const toOutput = (row: CommentRow) => ({
  id: row.id,
  taskId: row.taskId,
  body: row.body,
  author: row.author,
  editedAt: row.editedAt,
  createdAt: row.createdAt,
  mentions: row.mentions.map((m) => ({
    membershipId: m.membership.id,
    userId: m.membership.user.id,
    name: m.membership.user.name,
    email: m.membership.user.email,
  })),
});

export async function listComments(
  db: TenantDb,
  actor: MemberActor,
  taskId: string,
  input: PageInput,
) {
  await loadTask(db, actor, taskId);
  const rows = await db.taskComment.findMany({
    where: { organizationId: actor.organizationId, taskId, ...afterId(input) },
    orderBy: { id: "asc" },
    take: input.limit + 1,
    select: commentSelect,
  });
  return toPage(rows, input.limit, toOutput);
}

/** The distinct membership ids, once all are active members of the actor's organization. */
async function mentionable(db: TenantDb, actor: MemberActor, ids: string[]): Promise<string[]> {
  const mentionIds = [...new Set(ids)];
  if (mentionIds.length > 0) {
    const count = await db.membership.count({
      where: { organizationId: actor.organizationId, id: { in: mentionIds }, status: "ACTIVE" },
    });
    if (count !== mentionIds.length) {
      throw new InvalidError("Only members of the organization can be mentioned");
    }
  }
  return mentionIds;
}

export async function createComment(
  db: TenantDb,
  actor: MemberActor,
  input: { taskId: string; body: string; mentionIds: string[] },
) {
  const task = await loadTask(db, actor, input.taskId);
  const mentionIds = await mentionable(db, actor, input.mentionIds);
  const comment = await db.taskComment.create({
    data: {
      organizationId: actor.organizationId,
      taskId: task.id,
      authorId: actor.userId,
      body: input.body,
      mentions: { createMany: { data: mentionIds.map((membershipId) => ({ membershipId })) } },
    },
    select: commentSelect,
  });
  await db.taskActivity.create({
    data: {
      organizationId: actor.organizationId,
      taskId: task.id,
      actorId: actor.userId,
      field: "comment",
      toValue: { commentId: comment.id },
    },
  });
  await recordAudit(db, actor, {
    action: "comment.create",
    targetType: "comment",
    targetId: comment.id,
    metadata: { taskId: task.id, projectId: task.projectId, mentionIds },
  });
  await notifyComment(db, actor, task, input.body, mentionIds, { assignees: true });
  const output = toOutput(comment);
  await emitEvent(db, actor, "comment.created", { comment: output, taskId: output.taskId });
  return output;
}

async function loadComment(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<CommentRow & { projectId: string }> {
  const comment = await db.taskComment.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: commentSelect,
  });
  if (!comment) throw new NotFoundError("Comment not found");
  // The comment is only as visible as its task (members-only projects).
  const task = await loadTask(db, actor, comment.taskId).catch(() => {
    throw new NotFoundError("Comment not found");
  });
  return { ...comment, projectId: task.projectId };
}

export async function updateComment(
  db: TenantDb,
  actor: MemberActor,
  input: { id: string; body: string; mentionIds?: string[] },
) {
  const comment = await loadComment(db, actor, input.id);
  if (comment.authorId !== actor.userId) {
    throw new ForbiddenError("Only the author can edit a comment");
  }
  // Given mentions replace the comment's; left out, they stay as they were.
  const mentionIds =
    input.mentionIds === undefined ? null : await mentionable(db, actor, input.mentionIds);
  const updated = await db.taskComment.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.id } },
    data: {
      body: input.body,
      editedAt: new Date(),
      ...(mentionIds === null
        ? {}
        : {
            mentions: {
              deleteMany: {},
              createMany: { data: mentionIds.map((membershipId) => ({ membershipId })) },
            },
          }),
    },
    select: commentSelect,
  });
  await recordAudit(db, actor, {
    action: "comment.update",
    targetType: "comment",
    targetId: comment.id,
    metadata: { taskId: comment.taskId, projectId: comment.projectId },
    changes: { body: { before: comment.body, after: input.body } },
  });
  if (mentionIds !== null) {
    // Only members mentioned by this edit hear of it; those already mentioned were notified before.
    const before = new Set(comment.mentions.map((m) => m.membership.id));
    const added = mentionIds.filter((id) => !before.has(id));
    const task = await loadTask(db, actor, comment.taskId);
    await notifyComment(db, actor, task, input.body, added, { assignees: false });
  }
  return toOutput(updated);
}

export async function deleteComment(db: TenantDb, actor: MemberActor, id: string) {
  const comment = await loadComment(db, actor, id);
  const isAuthor = comment.authorId === actor.userId;
  if (!isAuthor && !actor.membership.permissions.has("comment.moderate")) {
    throw new ForbiddenError("Only the author or a moderator can delete a comment");
  }
  await db.taskComment.delete({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: { id: true },
  });
  if (!isAuthor) {
    await recordAudit(db, actor, {
      action: "comment.moderate.delete",
      targetType: "comment",
      targetId: id,
      // projectId lets the audit log show the entry only to those who can see the project.
      metadata: {
        taskId: comment.taskId,
        projectId: comment.projectId,
        authorId: comment.authorId,
      },
    });
  }
  return { id };
}
