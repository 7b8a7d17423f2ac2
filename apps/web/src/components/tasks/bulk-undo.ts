// The inverse of a bulk change, from the tasks as they were before it: the calls that put each task back.
// Only what the selection's snapshots show can be reversed; replacing assignees has no inverse here.
import type { TBulkTasksInput } from "@tenantry/validators";

import type { TaskOutput } from "~/trpc/outputs";

type BulkAction = TBulkTasksInput["action"];

export function inverseOf(action: BulkAction, before: TaskOutput[]): TBulkTasksInput[] {
  const groups = new Map<string, string[]>();
  const group = (key: string, id: string) => groups.set(key, [...(groups.get(key) ?? []), id]);
  switch (action.type) {
    case "setStatus":
      for (const t of before) if (t.status !== action.status) group(t.status, t.id);
      return [...groups].map(([status, ids]) => ({
        ids,
        action: { type: "setStatus", status: status as TaskOutput["status"] },
      }));
    case "setPriority":
      for (const t of before) if (t.priority !== action.priority) group(t.priority, t.id);
      return [...groups].map(([priority, ids]) => ({
        ids,
        action: { type: "setPriority", priority: priority as TaskOutput["priority"] },
      }));
    case "addTag": {
      const ids = before.filter((t) => !t.tags.some((g) => g.id === action.tagId)).map((t) => t.id);
      return ids.length ? [{ ids, action: { type: "removeTag", tagId: action.tagId } }] : [];
    }
    case "removeTag": {
      const ids = before.filter((t) => t.tags.some((g) => g.id === action.tagId)).map((t) => t.id);
      return ids.length ? [{ ids, action: { type: "addTag", tagId: action.tagId } }] : [];
    }
    case "addAssignee": {
      const ids = before
        .filter((t) => !t.assignees.some((a) => a.membershipId === action.membershipId))
        .map((t) => t.id);
      return ids.length
        ? [{ ids, action: { type: "removeAssignee", membershipId: action.membershipId } }]
        : [];
    }
    case "removeAssignee": {
      const ids = before
        .filter((t) => t.assignees.some((a) => a.membershipId === action.membershipId))
        .map((t) => t.id);
      return ids.length
        ? [{ ids, action: { type: "addAssignee", membershipId: action.membershipId } }]
        : [];
    }
    case "setAssignees":
      return [];
    case "setDueDate": {
      // Grouped by the date each task had (none: cleared again).
      for (const t of before) if (t.dueDate !== action.dueDate) group(t.dueDate ?? "", t.id);
      return [...groups].map(([dueDate, ids]) => ({
        ids,
        action: { type: "setDueDate", dueDate: dueDate || null },
      }));
    }
  }
}
