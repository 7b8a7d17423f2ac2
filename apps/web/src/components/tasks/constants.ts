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
/** The board shows the newest 100 open-or-done tasks of a project (the API's page cap). */
export const BOARD_LIMIT = 100;

/** The exact task.list input of a project's board: the server prefetch and the client must build the same key. */
export function boardInput(projectId: string): TListTasksInput {
  return { projectId, status: [...BOARD_STATUSES], sort: "newest", limit: BOARD_LIMIT };
}

export const COMMENTS_LIMIT = 100;
export const ACTIVITY_LIMIT = 100;
/** Tasks the command palette shows for a search. */
export const PALETTE_TASK_LIMIT = 8;
/** Members offered as assignees (the API's page cap). */
export const MEMBER_OPTIONS_LIMIT = 100;
