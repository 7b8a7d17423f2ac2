"use client";

// A project's task counts and done/total progress bar, from task.analytics scoped to the project.
import { useQuery } from "@tanstack/react-query";

import { Skeleton } from "~/components/ui/skeleton";
import { plural } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";

export function ProjectProgress(props: { projectId: string; projectName: string }) {
  const trpc = useTRPC();
  const stats = useQuery(trpc.task.analytics.queryOptions({ projectId: props.projectId }));
  if (!stats.data) return <Skeleton className="h-8 w-full" />;
  const { byStatus, total, overdue } = stats.data;
  // Archived tasks are out of the plan: progress is done over the tasks still counted.
  const counted = total - byStatus.ARCHIVED;
  const done = byStatus.DONE;
  const open = counted - done;
  const percent = counted === 0 ? 0 : Math.round((done / counted) * 100);
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap gap-x-3 text-xs text-muted-foreground">
        <span>{plural(open, "open task")}</span>
        <span>{done.toLocaleString()} done</span>
        {overdue > 0 ? (
          <span className="font-medium text-destructive-text">
            {overdue.toLocaleString()} overdue
          </span>
        ) : null}
      </div>
      <div
        role="progressbar"
        aria-label={`${props.projectName}: ${done} of ${counted} tasks done`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-1.5 overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-primary" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
