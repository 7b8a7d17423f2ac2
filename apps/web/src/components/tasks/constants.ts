// Plain constants shared by server pages and the task components (see components/projects/constants.ts for why).
import type { TListTasksInput, TTaskPriority, TTaskStatus } from "@tenantry/validators";

export const STATUS_LABELS: Record<TTaskStatus, string> = {
  TODO: "To do",
  IN_PROGRESS: "In progress",
  IN_REVIEW: "In review",
  DONE: "Done",
  ARCHIVED: "Archived",
};

export const PRIORITY_LABELS: Record<TTaskPriority, string> = {
  LOW: "Low",
  MEDIUM: "Medium",
  HIGH: "High",
  URGENT: "Urgent",
};

/** The board's columns, in order. */
export const BOARD_STATUSES = ["TODO", "IN_PROGRESS", "IN_REVIEW", "DONE"] as const;

export const TASKS_PAGE_SIZE = 25;
/** Cards per "page" of a board column; "Load more" fetches the next keyset page of that column. */
export const BOARD_PAGE_SIZE = 25;

/**
 * The task.list input of one board column (without the cursor, which the infinite query adds): the server prefetch
 * and the client must build the same key.
 */
export function boardColumnInput(projectId: string, status: TTaskStatus): TListTasksInput {
  return { projectId, status: [status], sort: "newest", limit: BOARD_PAGE_SIZE };
}

/** Tasks offered at once by the parent picker (it searches on the server). */
export const PARENT_OPTIONS_LIMIT = 20;
/** Members offered at once by the comment mention picker. */
export const MENTION_OPTIONS_LIMIT = 8;

export const COMMENTS_LIMIT = 100;
export const ACTIVITY_LIMIT = 100;
/** Tasks the command palette shows for a search. */
export const PALETTE_TASK_LIMIT = 8;
/** Members offered as assignees (the API's page cap). */
export const MEMBER_OPTIONS_LIMIT = 100;
