"use client";

// Shared task hooks: the options for assignee/tag pickers and the board's optimistic status change.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { TTaskStatus } from "@tenantry/validators";

import { useShell } from "~/components/shell/shell-context";
import { errorMessage } from "~/components/ui/form";
import { toast } from "~/components/ui/sonner";
import { useTRPC } from "~/trpc/react";
import { boardInput, MEMBER_OPTIONS_LIMIT, STATUS_LABELS } from "./constants";

/** Members (as assignee options) and tags; members are only listed for holders of member.read. */
export function useTaskOptions() {
  const trpc = useTRPC();
  const { permissions } = useShell();
  const canListMembers = permissions === null || permissions.includes("member.read");
  const members = useQuery({
    ...trpc.member.list.queryOptions({ limit: MEMBER_OPTIONS_LIMIT }),
    enabled: canListMembers,
  });
  const tags = useQuery(trpc.tag.list.queryOptions());
  return {
    members: (members.data?.items ?? []).map((m) => ({ id: m.id, name: m.name || m.email })),
    tags: tags.data ?? [],
  };
}

/**
 * Moves a task to another status with an optimistic update of the project's board; a failure rolls the board
 * back and says so. Only the task router's queries are refetched afterwards.
 */
export function useMoveTask(projectId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listKey = trpc.task.list.queryKey(boardInput(projectId));
  return useMutation(
    trpc.task.update.mutationOptions({
      onMutate: async (input) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const previous = queryClient.getQueryData(listKey);
        if (previous && input.status) {
          const status = input.status;
          queryClient.setQueryData(listKey, {
            ...previous,
            items: previous.items.map((t) => (t.id === input.id ? { ...t, status } : t)),
          });
        }
        return { previous };
      },
      onError: (error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(listKey, context.previous);
        toast.error(`Could not move the task: ${errorMessage(error)}`);
      },
      onSuccess: (task) => {
        toast.success(`${task.reference} moved to ${STATUS_LABELS[task.status]}`);
      },
      onSettled: () => queryClient.invalidateQueries(trpc.task.pathFilter()),
    }),
  );
}

export type MoveTask = (id: string, status: TTaskStatus) => void;
