// Inputs of the home page's queries: the server prefetch and the client must build the same keys.
import type { TListTasksInput } from "@tenantry/validators";

export const HOME_PROJECTS_LIMIT = 6;

export function myTasksInput(membershipId: string): TListTasksInput {
  return {
    assigneeId: membershipId,
    status: ["TODO", "IN_PROGRESS", "IN_REVIEW"],
    sort: "due",
    limit: 20,
  };
}

export const RECENT_TASKS_INPUT: TListTasksInput = { sort: "newest", limit: 8 };
