"use client";

// The project's board: a column per status, each its own keyset-paged query with "Load more". Cards move by native
// drag and drop or, from the keyboard, with each card's "Move to…" menu; both go through the optimistic useMoveTask.
import Link from "next/link";
import { useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { ArrowRightLeft, CalendarDays } from "lucide-react";

import type { TTaskStatus } from "@tenantry/validators";
import { ZTaskStatus } from "@tenantry/validators";

import type { TaskOutput } from "~/trpc/outputs";
import { errorMessage } from "~/components/forms/form";
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
import { useCan } from "~/lib/access/use-can";
import { cn } from "~/lib/utils";
import { useTRPC } from "~/trpc/react";
import { BOARD_STATUSES, boardColumnInput, PRIORITY_LABELS, STATUS_LABELS } from "./constants";
import { DueDate } from "./due-date";
import { useMoveTask } from "./use-tasks";

const DRAG_TYPE = "application/x-tenantry-task";
/** The dragged card's current column, so a drop on its own column is a no-op without a cache lookup. */
const DRAG_STATUS_TYPE = "application/x-tenantry-task-status";

export function TaskBoard(props: { projectId: string }) {
  const move = useMoveTask(props.projectId);
  const [over, setOver] = useState<TTaskStatus | null>(null);
  const canMove = useCan("task.update").allowed;

  const moveTo = (task: { id: string; status: TTaskStatus }, status: TTaskStatus) => {
    if (task.status !== status) move.mutate({ id: task.id, status });
  };

  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
      <BoardIconSprite />
      {BOARD_STATUSES.map((status) => (
        <BoardColumn
          key={status}
          projectId={props.projectId}
          status={status}
          canMove={canMove}
          over={over === status}
          onOver={(on) => setOver((s) => (on ? status : s === status ? null : s))}
          onMove={moveTo}
        />
      ))}
    </div>
  );
}

/** One status column: its own keyset-paged query, so a busy column never hides the others' tasks. */
function BoardColumn(props: {
  projectId: string;
  status: TTaskStatus;
  canMove: boolean;
  over: boolean;
  onOver: (over: boolean) => void;
  onMove: (task: { id: string; status: TTaskStatus }, status: TTaskStatus) => void;
}) {
  const trpc = useTRPC();
  const { status, canMove } = props;
  const query = useInfiniteQuery(
    trpc.task.list.infiniteQueryOptions(boardColumnInput(props.projectId, status), {
      getNextPageParam: (page) => page.nextCursor,
    }),
  );
  const column = query.data?.pages.flatMap((page) => page.items) ?? [];
  const label = STATUS_LABELS[status];
  const count = `${column.length}${query.hasNextPage ? "+" : ""}`;

  return (
    <section
      aria-labelledby={`column-${status}`}
      aria-busy={query.isPending ? true : undefined}
      data-status={status}
      className={cn(
        "flex min-h-48 flex-col gap-2 rounded-xl border bg-muted/30 p-3 transition-colors",
        props.over && "border-primary bg-accent",
      )}
      onDragOver={(e) => {
        if (!canMove || !e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
        props.onOver(true);
      }}
      onDragLeave={() => props.onOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        props.onOver(false);
        const id = e.dataTransfer.getData(DRAG_TYPE);
        const from = ZTaskStatus.safeParse(e.dataTransfer.getData(DRAG_STATUS_TYPE));
        if (id && from.success) props.onMove({ id, status: from.data }, status);
      }}
    >
      <h3
        id={`column-${status}`}
        className="flex items-center justify-between text-sm font-semibold"
      >
        {label}
        {query.isPending ? null : (
          <Badge variant="secondary" aria-label={count === "1" ? "1 task" : `${count} tasks`}>
            {count}
          </Badge>
        )}
      </h3>
      {query.isPending ? (
        <div className="flex flex-col gap-2" aria-hidden="true">
          <Skeleton className="h-20 rounded-lg" />
          <Skeleton className="h-20 rounded-lg" />
        </div>
      ) : (
        <ul className="flex flex-col gap-2" aria-label={`${label} tasks`}>
          {column.map((task) => (
            <TaskCard key={task.id} task={task} canMove={canMove} onMove={props.onMove} />
          ))}
        </ul>
      )}
      {query.isError ? (
        <p role="alert" className="text-xs text-destructive-text">
          Could not load these tasks: {errorMessage(query.error)}
        </p>
      ) : null}
      {!query.isPending && column.length === 0 && !query.isError ? (
        <p className="py-6 text-center text-xs text-muted-foreground">
          {canMove ? "Drop a task here" : "No tasks"}
        </p>
      ) : null}
      {query.hasNextPage ? (
        <Button
          variant="ghost"
          size="sm"
          className="mt-auto"
          pending={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
          aria-label={`Load more ${label} tasks`}
        >
          Load more
        </Button>
      ) : null}
    </section>
  );
}

/**
 * The cards' icons, drawn once per board: each card refers to them (`<use>`) instead of repeating the paths, which
 * were a third of a card's markup.
 */
function BoardIconSprite() {
  return (
    <svg className="absolute size-0 overflow-hidden" aria-hidden="true">
      <symbol id="board-icon-move" viewBox="0 0 24 24">
        <ArrowRightLeft />
      </symbol>
      <symbol id="board-icon-due" viewBox="0 0 24 24">
        <CalendarDays />
      </symbol>
    </svg>
  );
}

function BoardIcon(props: { name: "move" | "due"; className?: string }) {
  return (
    <svg viewBox="0 0 24 24" className={props.className} aria-hidden="true">
      <use href={`#board-icon-${props.name}`} />
    </svg>
  );
}

function TaskCard(props: {
  task: TaskOutput;
  canMove: boolean;
  onMove: (task: TaskOutput, status: TTaskStatus) => void;
}) {
  const { organization } = useShell();
  const { task } = props;
  return (
    <li
      draggable={props.canMove}
      onDragStart={(e) => {
        e.dataTransfer.setData(DRAG_TYPE, task.id);
        e.dataTransfer.setData(DRAG_STATUS_TYPE, task.status);
        e.dataTransfer.effectAllowed = "move";
      }}
      data-task-id={task.id}
      className="board-card"
    >
      <div className="flex items-start justify-between gap-2">
        <Link
          href={`/o/${organization.slug}/projects/${task.projectId}/tasks/${task.id}`}
          className="font-medium hover:underline focus-visible:underline"
        >
          <span className="board-card-ref">{task.reference}</span>
          {task.title}
        </Link>
        {props.canMove ? (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <button
                type="button"
                aria-label={`Move ${task.reference} to…`}
                className="board-card-move"
              >
                <BoardIcon name="move" />
              </button>
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
      <div className="board-card-meta">
        <span className={cn("board-badge", task.priority === "URGENT" && "board-badge-urgent")}>
          {PRIORITY_LABELS[task.priority]}
        </span>
        {task.dueDate ? (
          <span className="inline-flex items-center gap-1">
            <BoardIcon name="due" className="size-3" />
            <DueDate dueDate={task.dueDate} status={task.status} />
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
