"use client";

// One property change of a task from where it is shown (task page, table): applied to the cached task at once,
// rolled back if the server refuses, and confirmed with a toast whose "Undo" writes the previous values back.
import { useMutation, useQueryClient } from "@tanstack/react-query";

import type { TUpdateTaskInput } from "@tenantry/validators";

import type { TaskOutput } from "~/trpc/outputs";
import { errorMessage } from "~/components/forms/form";
import { toast } from "~/components/ui/sonner";
import { useTRPC } from "~/trpc/react";

export type TaskChange = Omit<TUpdateTaskInput, "id">;

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

export function useInlineUpdate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const mutation = useMutation(
    trpc.task.update.mutationOptions({
      onMutate: async (input) => {
        const key = trpc.task.get.queryKey({ id: input.id });
        await queryClient.cancelQueries({ queryKey: key });
        const previous = queryClient.getQueryData(key);
        // Scalar fields show at once; sets (assignees, tags) arrive with the server's answer.
        if (previous) {
          queryClient.setQueryData(key, {
            ...previous,
            ...(input.status !== undefined ? { status: input.status } : {}),
            ...(input.priority !== undefined ? { priority: input.priority } : {}),
            ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
          });
        }
        return { key, previous };
      },
      onError: (error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(context.key, context.previous);
        toast.error(`The change was not saved: ${errorMessage(error)}`);
      },
      onSettled: () => queryClient.invalidateQueries(trpc.task.pathFilter()),
    }),
  );

  /** Saves `change` on `task`; the toast offers to undo it. */
  const apply = (task: TaskOutput, change: TaskChange, description: string) => {
    const before = previousValues(task, change);
    mutation.mutate(
      { id: task.id, ...change },
      {
        onSuccess: () => {
          toast.success(`${task.reference}: ${description}`, {
            action: {
              label: "Undo",
              onClick: () =>
                mutation.mutate(
                  { id: task.id, ...before },
                  { onSuccess: () => toast.success(`${task.reference}: change undone`) },
                ),
            },
          });
        },
      },
    );
  };
  return { apply, pending: mutation.isPending };
}
