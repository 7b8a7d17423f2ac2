"use client";

// The Undo of a task deletion: task.restore for each deleted root, one after the other (a parent before a subtask
// deleted on its own, so the subtask returns under it), then every task query refetches.
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { errorMessage } from "~/components/forms/form";
import { toast } from "~/components/ui/sonner";
import { useTRPC } from "~/trpc/react";

export function useTaskRestore() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const restore = useMutation(trpc.task.restore.mutationOptions());
  return async (ids: readonly string[], onRestored?: () => void) => {
    try {
      for (const id of ids) await restore.mutateAsync({ id });
      toast.success(ids.length === 1 ? "Task restored" : `${ids.length} tasks restored`);
      onRestored?.();
    } catch (error) {
      toast.error(`Undo failed: ${errorMessage(error)}`);
    } finally {
      await queryClient.invalidateQueries(trpc.task.pathFilter());
    }
  };
}

/** The toast option that offers the undo. */
export const undoAction = (run: () => Promise<void>) => ({
  action: { label: "Undo", onClick: () => void run() },
  // Long enough to notice and reach the button; the restore window itself is 30 days.
  duration: 10_000,
});
