"use client";

// Shared task hooks: the options for assignee/tag pickers and the board's optimistic status change.
import type { InfiniteData } from "@tanstack/react-query";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { TaskOutput, TaskPage } from "~/trpc/outputs";
import { errorMessage } from "~/components/forms/form";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";
import { BOARD_STATUSES, boardColumnInput, MEMBER_OPTIONS_LIMIT, STATUS_LABELS } from "./constants";

/** Members (as assignee options) and tags; members are only listed for holders of member.read. */
export function useTaskOptions() {
  const trpc = useTRPC();
  const canListMembers = useCan("member.read").allowed;
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

type BoardPages = InfiniteData<TaskPage, string | null>;

/** Inserts a task into a column's loaded pages at its newest-first (id descending) position. */
function insertNewestFirst(data: BoardPages, task: TaskOutput): BoardPages {
  const pages = data.pages.map((page) => ({ ...page, items: [...page.items] }));
  for (const page of pages) {
    const at = page.items.findIndex((t) => t.id < task.id);
    if (at !== -1) {
      page.items.splice(at, 0, task);
      return { ...data, pages };
    }
  }
  // Older than every loaded card: it belongs at the end only when the column has no further page.
  const last = pages[pages.length - 1];
  if (last?.nextCursor === null) last.items.push(task);
  return { ...data, pages };
}

/** The board's column caches (one infinite task.list query per status). */
export function useBoardColumnKeys(projectId: string) {
  const trpc = useTRPC();
  return BOARD_STATUSES.map((status) => ({
    status,
    queryKey: trpc.task.list.infiniteQueryKey(boardColumnInput(projectId, status)),
  }));
}

/**
 * Moves a task to another status with an optimistic update across the board's per-column caches (out of its
 * column, into the target at its sorted place); a failure restores every column and says so. Only the task
 * router's queries are refetched afterwards.
 */
export function useMoveTask(projectId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const columns = useBoardColumnKeys(projectId);
  const mutation = useMutation(
    trpc.task.update.mutationOptions({
      onMutate: async (input) => {
        await Promise.all(columns.map((c) => queryClient.cancelQueries({ queryKey: c.queryKey })));
        const previous = columns.map((c) => ({
          queryKey: c.queryKey,
          data: queryClient.getQueryData(c.queryKey),
        }));
        const target = input.status;
        const moving = previous
          .flatMap((c) => c.data?.pages ?? [])
          .flatMap((page) => page.items)
          .find((t) => t.id === input.id);
        if (target && moving) {
          const moved = { ...moving, status: target };
          for (const column of columns) {
            const data = queryClient.getQueryData(column.queryKey);
            if (!data) continue;
            const without: BoardPages = {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                items: page.items.filter((t) => t.id !== input.id),
              })),
            };
            queryClient.setQueryData(
              column.queryKey,
              column.status === target ? insertNewestFirst(without, moved) : without,
            );
          }
        }
        return { previous, from: moving?.status };
      },
      onError: (error, _input, context) => {
        for (const column of context?.previous ?? []) {
          queryClient.setQueryData(column.queryKey, column.data);
        }
        toast.error(`Could not move the task: ${errorMessage(error)}`);
      },
      onSuccess: (task, _input, context) => {
        const from = context.from;
        toast.success(`${task.reference} moved to ${STATUS_LABELS[task.status]}`, {
          // Undo moves it back the same way (optimistically), unless it was not on a loaded column.
          action:
            from && from !== task.status
              ? {
                  label: "Undo",
                  onClick: () => mutation.mutate({ id: task.id, status: from }),
                }
              : undefined,
        });
      },
      onSettled: () => queryClient.invalidateQueries(trpc.task.pathFilter()),
    }),
  );
  return mutation;
}
