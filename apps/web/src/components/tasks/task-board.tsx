"use client";

// The project's board: a column per status. Cards move by native drag and drop or, from the keyboard, with each
// card's "Move to…" menu; both go through the optimistic useMoveTask.
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ArrowRightLeft, CalendarDays } from "lucide-react";

import type { TTaskOutput, TTaskStatus } from "@tenantry/validators";

import { useShell } from "~/components/shell/shell-context";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "~/components/ui/dropdown-menu";
import { Skeleton } from "~/components/ui/skeleton";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { BOARD_STATUSES, boardInput, PRIORITY_LABELS, STATUS_LABELS } from "./constants";
import { useMoveTask } from "./use-tasks";

const DRAG_TYPE = "application/x-tenantry-task";

export function TaskBoard(props: { projectId: string }) {
  const trpc = useTRPC();
  const { data, isPending } = useQuery(trpc.task.list.queryOptions(boardInput(props.projectId)));
  const move = useMoveTask(props.projectId);
  const [over, setOver] = useState<TTaskStatus | null>(null);
  const { permissions } = useShell();
  const canMove = permissions === null || permissions.includes("task.update");

  const moveTo = (task: TTaskOutput, status: TTaskStatus) => {
    if (task.status !== status) move.mutate({ id: task.id, status });
  };

  if (isPending) {
    return (
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4" aria-busy="true">
        {BOARD_STATUSES.map((s) => (
          <Skeleton key={s} className="h-64 rounded-xl" />
        ))}
      </div>
    );
  }
  const tasks = data?.items ?? [];

  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
      {BOARD_STATUSES.map((status) => {
        const column = tasks.filter((t) => t.status === status);
        return (
          <section
            key={status}
            aria-labelledby={`column-${status}`}
            data-status={status}
            className={cn(
              "flex min-h-48 flex-col gap-2 rounded-xl border bg-muted/30 p-3 transition-colors",
              over === status && "border-primary bg-accent",
            )}
            onDragOver={(e) => {
              if (!canMove || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = "move";
              setOver(status);
            }}
            onDragLeave={() => setOver((s) => (s === status ? null : s))}
            onDrop={(e) => {
              e.preventDefault();
              setOver(null);
              const id = e.dataTransfer.getData(DRAG_TYPE);
              const task = tasks.find((t) => t.id === id);
              if (task) moveTo(task, status);
            }}
          >
            <h3
              id={`column-${status}`}
              className="flex items-center justify-between text-sm font-semibold"
            >
              {STATUS_LABELS[status]}
              <Badge variant="secondary" aria-label={`${column.length} tasks`}>
                {column.length}
              </Badge>
            </h3>
            <ul className="flex flex-col gap-2" aria-label={`${STATUS_LABELS[status]} tasks`}>
              {column.map((task) => (
                <TaskCard key={task.id} task={task} canMove={canMove} onMove={moveTo} />
              ))}
            </ul>
            {column.length === 0 ? (
              <p className="py-6 text-center text-xs text-muted-foreground">
                {canMove ? "Drop a task here" : "No tasks"}
              </p>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

function TaskCard(props: {
  task: TTaskOutput;
  canMove: boolean;
  onMove: (task: TTaskOutput, status: TTaskStatus) => void;
}) {
  const { organization } = useShell();
  const { task } = props;
  return (
    <li
      draggable={props.canMove}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, task.id);
        e.dataTransfer.effectAllowed = "move";
      }}
      data-task-id={task.id}
      className="rounded-lg border bg-card p-3 text-sm shadow-xs data-[dragging]:opacity-50"
    >
      <div className="flex items-start justify-between gap-2">
        <Link
          href={`/o/${organization.slug}/projects/${task.projectId}/tasks/${task.id}`}
          className="font-medium hover:underline focus-visible:underline"
        >
          <span className="block text-xs font-normal text-muted-foreground">{task.reference}</span>
          {task.title}
        </Link>
        {props.canMove ? (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button
                variant="ghost"
                size="icon-sm"
                aria-label={`Move ${task.reference} to…`}
                className="-mt-1 -mr-1 shrink-0"
              >
                <ArrowRightLeft aria-hidden="true" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="end">
              <DropdownMenuLabel>Move to…</DropdownMenuLabel>
              {BOARD_STATUSES.filter((s) => s !== task.status).map((s) => (
                <DropdownMenuItem key={s} onSelect={() => props.onMove(task, s)}>
                  {STATUS_LABELS[s]}
                </DropdownMenuItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
        <Badge variant={task.priority === "URGENT" ? "destructive" : "outline"}>
          {PRIORITY_LABELS[task.priority]}
        </Badge>
        {task.dueDate ? (
          <span className="inline-flex items-center gap-1">
            <CalendarDays className="size-3" aria-hidden="true" />
            {task.dueDate}
          </span>
        ) : null}
        {task.tags.map((tag) => (
          <span key={tag.id} className="inline-flex items-center gap-1">
            <span
              aria-hidden="true"
              className="size-2 rounded-full"
              style={{ backgroundColor: tag.color }}
            />
            {tag.name}
          </span>
        ))}
        {task.assignees.length > 0 ? (
          <span className="ml-auto truncate">{task.assignees.map((a) => a.name).join(", ")}</span>
        ) : null}
      </div>
    </li>
  );
}
