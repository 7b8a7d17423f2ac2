// task.* — tasks, their comments, activity timeline, bulk changes and analytics.
import { z } from "zod";

import * as attachments from "@tenantry/core/work/attachment";
import * as comments from "@tenantry/core/work/comment";
import * as tasks from "@tenantry/core/work/task";
import { taskAnalytics } from "@tenantry/core/work/task-analytics";
import { listTasks } from "@tenantry/core/work/task-query";
import {
  ZAttachmentOutput,
  ZBulkDeleteTasksInput,
  ZBulkTasksInput,
  ZCommentOutput,
  ZCreateCommentInput,
  ZCreateTaskInput,
  ZId,
  ZListTasksInput,
  ZPageLimit,
  ZTaskActivityOutput,
  ZTaskAnalyticsInput,
  ZTaskAnalyticsOutput,
  ZTaskDetailOutput,
  ZTaskIdInput,
  ZTaskOutput,
  ZTaskPageOutput,
  ZUpdateCommentInput,
  ZUpdateTaskInput,
  ZUploadAttachmentInput,
} from "@tenantry/validators";

import { createTRPCRouter, permissionProcedure } from "../../trpc.ts";

const ZChildPage = z.object({
  taskId: ZId,
  cursor: ZId.nullish(),
  limit: ZPageLimit(100),
});

export const taskRouter = createTRPCRouter({
  list: permissionProcedure("task.read")
    .input(ZListTasksInput)
    .output(ZTaskPageOutput)
    .query(({ ctx, input }) => listTasks(ctx.db, ctx.actor, input)),

  get: permissionProcedure("task.read")
    .input(ZTaskIdInput)
    .output(ZTaskDetailOutput)
    .query(({ ctx, input }) => tasks.getTask(ctx.db, ctx.actor, input.id)),

  create: permissionProcedure("task.create")
    .input(ZCreateTaskInput)
    .output(ZTaskOutput)
    .mutation(({ ctx, input }) => tasks.createTask(ctx.db, ctx.actor, input)),

  update: permissionProcedure("task.update")
    .input(ZUpdateTaskInput)
    .output(ZTaskOutput)
    .mutation(({ ctx, input }) => tasks.updateTask(ctx.db, ctx.actor, input)),

  delete: permissionProcedure("task.delete")
    .input(ZTaskIdInput)
    .output(z.object({ id: ZId }))
    .mutation(({ ctx, input }) => tasks.deleteTask(ctx.db, ctx.actor, input.id)),

  // The undo of a delete, within the restore window (task-trash.ts); the same permission as the delete.
  restore: permissionProcedure("task.delete")
    .input(ZTaskIdInput)
    .output(ZTaskOutput)
    .mutation(({ ctx, input }) => tasks.restoreTask(ctx.db, ctx.actor, input.id)),

  bulk: permissionProcedure("task.update")
    .input(ZBulkTasksInput)
    .output(z.object({ updated: z.number().int() }))
    .mutation(({ ctx, input }) => tasks.bulkUpdateTasks(ctx.db, ctx.actor, input)),

  // Each task its own audit entry; the answer lists the ids an undo restores, in order.
  bulkDelete: permissionProcedure("task.delete")
    .input(ZBulkDeleteTasksInput)
    .output(z.object({ ids: z.array(ZId) }))
    .mutation(({ ctx, input }) => tasks.bulkDeleteTasks(ctx.db, ctx.actor, input)),

  activity: permissionProcedure("task.read")
    .input(ZChildPage)
    .output(z.object({ items: z.array(ZTaskActivityOutput), nextCursor: ZId.nullable() }))
    .query(({ ctx, input }) => tasks.listTaskActivity(ctx.db, ctx.actor, input.taskId, input)),

  analytics: permissionProcedure("task.read")
    .input(ZTaskAnalyticsInput)
    .output(ZTaskAnalyticsOutput)
    .query(({ ctx, input }) => taskAnalytics(ctx.db, ctx.actor, input)),

  attachment: {
    list: permissionProcedure("task.read")
      .input(ZTaskIdInput)
      .output(z.array(ZAttachmentOutput))
      .query(({ ctx, input }) => attachments.listAttachments(ctx.db, ctx.actor, input.id)),
    get: permissionProcedure("task.read")
      .input(z.object({ id: ZId }))
      .output(ZAttachmentOutput)
      .query(({ ctx, input }) => attachments.getAttachment(ctx.db, ctx.actor, input.id)),
    upload: permissionProcedure("comment.create")
      .input(ZUploadAttachmentInput)
      .output(ZAttachmentOutput)
      .mutation(({ ctx, input }) => attachments.uploadAttachment(ctx.db, ctx.actor, input)),
    // Uploaders delete their own; the service also lets holders of comment.moderate delete anyone's.
    delete: permissionProcedure("comment.create")
      .input(z.object({ id: ZId }))
      .output(z.object({ id: ZId }))
      .mutation(({ ctx, input }) => attachments.deleteAttachment(ctx.db, ctx.actor, input.id)),
  },

  comment: {
    list: permissionProcedure("task.read")
      .input(ZChildPage)
      .output(z.object({ items: z.array(ZCommentOutput), nextCursor: ZId.nullable() }))
      .query(({ ctx, input }) => comments.listComments(ctx.db, ctx.actor, input.taskId, input)),
    create: permissionProcedure("comment.create")
      .input(ZCreateCommentInput)
      .output(ZCommentOutput)
      .mutation(({ ctx, input }) => comments.createComment(ctx.db, ctx.actor, input)),
    update: permissionProcedure("comment.create")
      .input(ZUpdateCommentInput)
      .output(ZCommentOutput)
      .mutation(({ ctx, input }) => comments.updateComment(ctx.db, ctx.actor, input)),
    // Authors delete their own; the service also lets holders of comment.moderate delete anyone's.
    delete: permissionProcedure("comment.create")
      .input(z.object({ id: ZId }))
      .output(z.object({ id: ZId }))
      .mutation(({ ctx, input }) => comments.deleteComment(ctx.db, ctx.actor, input.id)),
  },
});
