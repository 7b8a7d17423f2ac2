// Task, tag and comment schemas shared by the API, the dashboard's forms and clients.
import { z } from "zod";

import {
  boundedMultiLineText,
  boundedText,
  isStorableText,
  multiLineText,
  singleLineText,
  ZId,
  ZOpaqueCursor,
  ZPageLimit,
  ZSafeIsoDate,
} from "./common.ts";

export const TASK_TITLE_MAX = 200;
export const TASK_DESCRIPTION_MAX = 20_000;
export const TASK_ASSIGNEES_MAX = 20;
export const TASK_TAGS_MAX = 20;
export const BULK_TASKS_MAX = 100;
export const COMMENT_MAX = 10_000;

export const TASK_STATUSES = ["TODO", "IN_PROGRESS", "IN_REVIEW", "DONE", "ARCHIVED"] as const;
export const TASK_PRIORITIES = ["LOW", "MEDIUM", "HIGH", "URGENT"] as const;
export const ZTaskStatus = z.enum(TASK_STATUSES);
export const ZTaskPriority = z.enum(TASK_PRIORITIES);
export type TTaskStatus = z.infer<typeof ZTaskStatus>;
export type TTaskPriority = z.infer<typeof ZTaskPriority>;

const ZDescription = multiLineText("Description").max(TASK_DESCRIPTION_MAX, {
  message: `Description must be at most ${TASK_DESCRIPTION_MAX} characters`,
});
/** Calendar date, YYYY-MM-DD. */
const ZDueDate = ZSafeIsoDate;
const ZHours = z
  .number()
  .min(0, { message: "Hours cannot be negative" })
  .max(10_000, { message: "At most 10000 hours" })
  .multipleOf(0.01, { message: "At most two decimals" });
const ZIdSet = (label: string, max: number) =>
  z.array(ZId).max(max, { message: `At most ${max} ${label}` });

export const ZCreateTaskInput = z.object({
  projectId: ZId,
  title: boundedText("Title", TASK_TITLE_MAX),
  description: ZDescription.default(""),
  status: ZTaskStatus.default("TODO"),
  priority: ZTaskPriority.default("MEDIUM"),
  dueDate: ZDueDate.nullish(),
  estimatedHours: ZHours.nullish(),
  actualHours: ZHours.nullish(),
  parentId: ZId.nullish(),
  /** Membership ids. */
  assigneeIds: ZIdSet("assignees", TASK_ASSIGNEES_MAX).default([]),
  tagIds: ZIdSet("tags", TASK_TAGS_MAX).default([]),
});
export type TCreateTaskInput = z.input<typeof ZCreateTaskInput>;

export const ZUpdateTaskInput = z.object({
  id: ZId,
  title: boundedText("Title", TASK_TITLE_MAX).optional(),
  description: ZDescription.optional(),
  status: ZTaskStatus.optional(),
  priority: ZTaskPriority.optional(),
  dueDate: ZDueDate.nullable().optional(),
  estimatedHours: ZHours.nullable().optional(),
  actualHours: ZHours.nullable().optional(),
  parentId: ZId.nullable().optional(),
  /** Replaces the assignee set when given. */
  assigneeIds: ZIdSet("assignees", TASK_ASSIGNEES_MAX).optional(),
  /** Replaces the tag set when given. */
  tagIds: ZIdSet("tags", TASK_TAGS_MAX).optional(),
});
export type TUpdateTaskInput = z.input<typeof ZUpdateTaskInput>;

export const ZTaskIdInput = z.object({ id: ZId });

export const TASK_SORTS = ["newest", "oldest", "due", "priority"] as const;

export const ZListTasksInput = z
  .object({
    projectId: ZId.optional(),
    status: z.array(ZTaskStatus).max(TASK_STATUSES.length).optional(),
    priority: z.array(ZTaskPriority).max(TASK_PRIORITIES.length).optional(),
    assigneeId: ZId.optional(),
    tagId: ZId.optional(),
    teamId: ZId.optional(),
    dueFrom: ZDueDate.optional(),
    dueTo: ZDueDate.optional(),
    search: singleLineText("Search")
      .max(200, { message: "Search is at most 200 characters" })
      .optional(),
    sort: z.enum(TASK_SORTS).default("newest"),
    cursor: ZOpaqueCursor.nullish(),
    limit: ZPageLimit(50),
  })
  .refine((v) => !v.dueFrom || !v.dueTo || v.dueFrom <= v.dueTo, {
    message: "The due range ends before it starts",
    path: ["dueTo"],
  });
export type TListTasksInput = z.input<typeof ZListTasksInput>;

export const ZBulkTasksInput = z.object({
  ids: z
    .array(ZId)
    .min(1, { message: "Select at least one task" })
    .max(BULK_TASKS_MAX, { message: `At most ${BULK_TASKS_MAX} tasks at a time` }),
  action: z.discriminatedUnion("type", [
    z.object({ type: z.literal("setStatus"), status: ZTaskStatus }),
    z.object({ type: z.literal("setPriority"), priority: ZTaskPriority }),
    z.object({ type: z.literal("addAssignee"), membershipId: ZId }),
    z.object({ type: z.literal("removeAssignee"), membershipId: ZId }),
    /** Replaces every assignee with exactly these members (none: unassigns). */
    z.object({
      type: z.literal("setAssignees"),
      membershipIds: ZIdSet("assignees", TASK_ASSIGNEES_MAX),
    }),
    z.object({ type: z.literal("addTag"), tagId: ZId }),
    z.object({ type: z.literal("removeTag"), tagId: ZId }),
    /** Sets (or, with null, clears) the due date of every selected task. */
    z.object({ type: z.literal("setDueDate"), dueDate: ZDueDate.nullable() }),
  ]),
});
export type TBulkTasksInput = z.input<typeof ZBulkTasksInput>;

/** A bulk delete writes an audit entry and events per task, so its batch is smaller than a bulk change's. */
export const BULK_DELETE_TASKS_MAX = 50;

export const ZBulkDeleteTasksInput = z.object({
  ids: z
    .array(ZId)
    .min(1, { message: "Select at least one task" })
    .max(BULK_DELETE_TASKS_MAX, {
      message: `At most ${BULK_DELETE_TASKS_MAX} tasks can be deleted at a time`,
    }),
});
export type TBulkDeleteTasksInput = z.input<typeof ZBulkDeleteTasksInput>;

const ZPerson = z.object({ membershipId: ZId, userId: ZId, name: z.string(), email: z.string() });
export const ZTagOutput = z.object({ id: ZId, name: z.string(), color: z.string() });

export const ZTaskOutput = z.object({
  id: ZId,
  organizationId: ZId,
  projectId: ZId,
  projectKey: z.string(),
  number: z.number().int(),
  /** WEB-42 */
  reference: z.string(),
  title: z.string(),
  description: z.string(),
  status: ZTaskStatus,
  priority: ZTaskPriority,
  dueDate: z.string().nullable(),
  estimatedHours: z.number().nullable(),
  actualHours: z.number().nullable(),
  parentId: ZId.nullable(),
  completedAt: z.date().nullable(),
  createdById: ZId.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  assignees: z.array(ZPerson),
  tags: z.array(ZTagOutput),
  subtaskCount: z.number().int(),
});
export type TTaskOutput = z.infer<typeof ZTaskOutput>;

export const ZTaskPageOutput = z.object({
  items: z.array(ZTaskOutput),
  nextCursor: z.string().nullable(),
});

export const ZTaskDetailOutput = ZTaskOutput.extend({
  subtasks: z.array(
    z.object({ id: ZId, reference: z.string(), title: z.string(), status: ZTaskStatus }),
  ),
  parent: z.object({ id: ZId, reference: z.string(), title: z.string() }).nullable(),
});

export const ZTaskActivityOutput = z.object({
  id: ZId,
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
  actor: z.object({ id: ZId, name: z.string() }).nullable(),
  createdAt: z.date(),
});

// ---- Tags -------------------------------------------------------------------------------------------------------
export const ZTagColor = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, { message: "Color must look like #1d4ed8" })
  // The OpenAPI document's example of the field (a pattern cannot be sampled).
  .meta({ example: "#1d4ed8" });
export const ZCreateTagInput = z.object({ name: boundedText("Name", 40), color: ZTagColor });
export const ZUpdateTagInput = z.object({
  id: ZId,
  name: boundedText("Name", 40).optional(),
  color: ZTagColor.optional(),
});

// ---- Comments ---------------------------------------------------------------------------------------------------
export const ZCreateCommentInput = z.object({
  taskId: ZId,
  body: boundedMultiLineText("Comment", COMMENT_MAX),
  /** Membership ids of mentioned members. */
  mentionIds: ZIdSet("mentions", 50).default([]),
});
export const ZUpdateCommentInput = z.object({
  id: ZId,
  body: boundedMultiLineText("Comment", COMMENT_MAX),
  /** Replaces the comment's mentions when given; left out, they are kept. */
  mentionIds: ZIdSet("mentions", 50).optional(),
});
export const ZCommentOutput = z.object({
  id: ZId,
  taskId: ZId,
  body: z.string(),
  author: z.object({ id: ZId, name: z.string() }).nullable(),
  mentions: z.array(ZPerson),
  editedAt: z.date().nullable(),
  createdAt: z.date(),
});

// ---- Analytics --------------------------------------------------------------------------------------------------
export const ZTaskAnalyticsInput = z.object({ projectId: ZId.optional() });
export const ZTaskAnalyticsOutput = z.object({
  byStatus: z.record(ZTaskStatus, z.number().int()),
  byPriority: z.record(ZTaskPriority, z.number().int()),
  total: z.number().int(),
  overdue: z.number().int(),
  completedThisWeek: z.number().int(),
  /** Mean hours from creation to completion of DONE tasks; null without any. */
  averageCompletionHours: z.number().nullable(),
});

// ---- Attachments ------------------------------------------------------------------------------------------------
/** What the server needs of an uploaded file (the web File, whichever implementation created it). */
export interface UploadedFile {
  name: string;
  type: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const isUploadedFile = (value: unknown): value is UploadedFile =>
  typeof value === "object" &&
  value !== null &&
  "name" in value &&
  typeof value.name === "string" &&
  "type" in value &&
  typeof value.type === "string" &&
  "size" in value &&
  typeof value.size === "number" &&
  "arrayBuffer" in value &&
  typeof value.arrayBuffer === "function";

/** Multipart upload: fields `taskId` and `file`. Size and type limits are enforced by the server's configuration. */
export const ZUploadAttachmentInput = z
  .instanceof(FormData, { message: "Send the upload as multipart/form-data" })
  .transform((form): { taskId: unknown; file: unknown } => ({
    taskId: form.get("taskId"),
    file: form.get("file"),
  }))
  .pipe(
    z.object({
      taskId: ZId,
      file: z
        .custom<UploadedFile>(isUploadedFile, { message: "Choose a file to upload" })
        .refine((file) => isStorableText(file.name), {
          message: "The file name contains characters that cannot be stored",
        }),
    }),
  );
export const ZAttachmentOutput = z.object({
  id: ZId,
  organizationId: ZId,
  taskId: ZId,
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.object({ id: ZId, name: z.string() }).nullable(),
  createdAt: z.date(),
  downloadUrl: z.string(),
});
