"use client";

// One property change of a task from where it is shown (task page, table): applied to every cached copy of the
// task at once (its page and any loaded list or board column), rolled back if the server refuses, and confirmed
// with a toast whose "Undo" writes the previous values back.
import type { QueryKey } from "@tanstack/react-query";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import type { TUpdateTaskInput } from "@tenantry/validators";

import type { TaskOutput } from "~/trpc/outputs";
import { errorMessage } from "~/components/forms/form";
import { toast } from "~/components/ui/sonner";
import { useTRPC } from "~/trpc/react";
import { useTaskOptions } from "./use-tasks";

export type TaskChange = Omit<TUpdateTaskInput, "id">;
type Options = ReturnType<typeof useTaskOptions>;

/** The values of `task` for the fields `change` touches: what "Undo" restores. */
function previousValues(task: TaskOutput, change: TaskChange): TaskChange {
  const before: TaskChange = {};
  if (change.status !== undefined) before.status = task.status;
  if (change.priority !== undefined) before.priority = task.priority;
  if (change.dueDate !== undefined) before.dueDate = task.dueDate;
  if (change.assigneeIds !== undefined)
    before.assigneeIds = task.assignees.map((a) => a.membershipId);
  if (change.tagIds !== undefined) before.tagIds = task.tags.map((t) => t.id);
  if (change.parentId !== undefined) before.parentId = task.parentId;
  if (change.title !== undefined) before.title = task.title;
  return before;
}

/** `task` as it will look once `change` is saved; sets are resolved from the picker options (names only). */
function patched<T extends TaskOutput>(task: T, change: TaskChange, options: Options): T {
  const next: T = { ...task };
  if (change.status !== undefined) next.status = change.status;
  if (change.priority !== undefined) next.priority = change.priority;
  if (change.dueDate !== undefined) next.dueDate = change.dueDate;
  if (change.title !== undefined) next.title = change.title;
  if (change.parentId !== undefined) next.parentId = change.parentId;
  if (change.assigneeIds !== undefined) {
    next.assignees = change.assigneeIds.flatMap((id) => {
      const known = task.assignees.find((a) => a.membershipId === id);
      if (known) return [known];
      const member = options.members.find((m) => m.id === id);
      return member ? [{ membershipId: id, userId: id, name: member.name, email: "" }] : [];
    });
  }
  if (change.tagIds !== undefined) {
    next.tags = change.tagIds.flatMap((id) => {
      const tag = task.tags.find((t) => t.id === id) ?? options.tags.find((t) => t.id === id);
      return tag ? [tag] : [];
    });
  }
  return next;
}

interface Page {
  items: TaskOutput[];
}
/** Replaces the task inside a cached list answer: a page ({ items }) or an infinite query ({ pages }). */
function patchList(data: unknown, id: string, patch: (t: TaskOutput) => TaskOutput): unknown {
  const swap = (page: Page) => ({
    ...page,
    items: page.items.map((t) => (t.id === id ? patch(t) : t)),
  });
  if (data && typeof data === "object") {
    if ("pages" in data && Array.isArray(data.pages))
      return { ...data, pages: (data.pages as Page[]).map(swap) };
    if ("items" in data && Array.isArray(data.items)) return swap(data as Page);
  }
  return data;
}

export function useInlineUpdate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = useTaskOptions();
  const mutation = useMutation(
    trpc.task.update.mutationOptions({
      onMutate: async (input) => {
        const { id, ...change } = input;
        const key = trpc.task.get.queryKey({ id });
        const lists = trpc.task.list.pathFilter();
        await Promise.all([
          queryClient.cancelQueries({ queryKey: key }),
          queryClient.cancelQueries(lists),
        ]);
        const previous = queryClient.getQueryData(key);
        const previousLists: [QueryKey, unknown][] = queryClient.getQueriesData(lists);
        if (previous) queryClient.setQueryData(key, patched(previous, change, options));
        queryClient.setQueriesData(lists, (data: unknown) =>
          patchList(data, id, (t) => patched(t, change, options)),
        );
        return { key, previous, previousLists };
      },
      onError: (error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(context.key, context.previous);
        for (const [queryKey, data] of context?.previousLists ?? [])
          queryClient.setQueryData(queryKey, data);
        toast.error(`The change was not saved: ${errorMessage(error)}`);
      },
      onSettled: () => queryClient.invalidateQueries(trpc.task.pathFilter()),
    }),
  );

  /**
   * Saves `change` on `task`; the toast offers to undo it. Through the promise, not per-call callbacks: a table
   * cell can remount while the request runs, and a remounted observer drops per-call callbacks.
   */
  const apply = (task: TaskOutput, change: TaskChange, description: string) => {
    const before = previousValues(task, change);
    mutation.mutateAsync({ id: task.id, ...change }).then(
      () => {
        toast.success(`${task.reference}: ${description}`, {
          action: {
            label: "Undo",
            onClick: () => {
              mutation.mutateAsync({ id: task.id, ...before }).then(
                () => toast.success(`${task.reference}: change undone`),
                () => undefined, // onError already said why
              );
            },
          },
        });
      },
      () => undefined, // onError rolled back and said why
    );
  };
  return { apply, pending: mutation.isPending };
}
