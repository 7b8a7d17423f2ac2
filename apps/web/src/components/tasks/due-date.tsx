"use client";

// A task's due date, formatted once for every view; overdue open tasks are flagged in words, not colour alone.
import { AlertTriangle } from "lucide-react";

import { useDates } from "~/lib/dates-context";
import { cn } from "~/lib/utils";

export function DueDate(props: { dueDate: string; status: string; className?: string }) {
  const { formatCalendarDate, isOverdue } = useDates();
  const overdue = isOverdue(props.dueDate, props.status);
  return (
    <span
      data-overdue={overdue ? "true" : undefined}
      className={cn(
        "inline-flex items-center gap-1 text-xs whitespace-nowrap",
        overdue ? "font-medium text-destructive-text" : "text-muted-foreground",
        props.className,
      )}
    >
      {overdue ? <AlertTriangle className="size-3" aria-hidden="true" /> : null}
      <time dateTime={props.dueDate}>{formatCalendarDate(props.dueDate)}</time>
      {overdue ? <span className="sr-only sm:not-sr-only">(overdue)</span> : null}
    </span>
  );
}
