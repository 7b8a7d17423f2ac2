"use client";

// One task as a compact row (reference, title, status, due date with overdue flagged), for lists outside a project.
import Link from "next/link";

import type { TaskOutput } from "~/trpc/outputs";
import { STATUS_LABELS } from "~/components/tasks/constants";
import { DueDate } from "~/components/tasks/due-date";
import { Badge } from "~/components/ui/badge";

export function TaskRow(props: { task: TaskOutput; slug: string }) {
  const { task } = props;
  return (
    <li className="flex items-center gap-3 py-2">
      <span className="shrink-0 font-mono text-xs whitespace-nowrap text-muted-foreground">
        {task.reference}
      </span>
      <Link
        href={`/o/${props.slug}/projects/${task.projectId}/tasks/${task.id}`}
        className="min-w-0 flex-1 truncate text-sm font-medium hover:underline"
      >
        {task.title}
      </Link>
      <Badge variant="outline" className="hidden shrink-0 sm:inline-flex">
        {STATUS_LABELS[task.status]}
      </Badge>
      {task.dueDate ? (
        <DueDate dueDate={task.dueDate} status={task.status} className="shrink-0" />
      ) : null}
    </li>
  );
}
