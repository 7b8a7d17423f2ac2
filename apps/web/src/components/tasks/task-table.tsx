"use client";

// The project's table view: server-side filters (status, priority, assignee, tag, search), cursor pages, row
// selection (kept across pages, cleared when the filters change) for bulk changes, and — for members who may
// update tasks — every property editable in its cell with the task page's pickers (optimistic, rollback, undo).
import type {
  CellContext,
  ColumnDef,
  ColumnFiltersState,
  HeaderContext,
  Table,
} from "@tanstack/react-table";
import Link from "next/link";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ArrowDown, ArrowUpDown, ListTodo } from "lucide-react";

import type { TListTasksInput } from "@tenantry/validators";
import {
  BULK_TASKS_MAX,
  TASK_PRIORITIES,
  TASK_STATUSES,
  ZTaskPriority,
  ZTaskStatus,
} from "@tenantry/validators";

import type { TaskSort } from "./use-view-params";
import type { TaskOutput } from "~/trpc/outputs";
import { useShell } from "~/components/shell/shell-context";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Checkbox } from "~/components/ui/checkbox";
import { DataTable, useCursorPagination } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import { useCan } from "~/lib/access/use-can";
import { useDates } from "~/lib/dates-context";
import { useTRPC } from "~/trpc/react";
import { PRIORITY_LABELS, STATUS_LABELS, TASKS_PAGE_SIZE } from "./constants";
import { DueDate } from "./due-date";
import { AssigneesPill, DueDatePill, PriorityPill, StatusPill, TagsPill } from "./inline-fields";
import { TaskBulkBar } from "./task-bulk-bar";
import { useTaskOptions } from "./use-tasks";
import { useTaskViewParams } from "./use-view-params";

/** A column header that sorts the table on the server; aria-pressed tells whether it is the current sort. */
function SortButton(props: { title: string; active: boolean; label: string; onClick: () => void }) {
  const Icon = props.active ? ArrowDown : ArrowUpDown;
  return (
    <Button
      variant="ghost"
      size="sm"
      className="-ml-2 h-8"
      aria-pressed={props.active}
      aria-label={`Sort by ${props.title.toLowerCase()}${props.active ? ` (${props.label})` : ""}`}
      onClick={props.onClick}
    >
      {props.title}
      <Icon className="size-3.5" aria-hidden="true" />
    </Button>
  );
}

function filterValue(filters: ColumnFiltersState, id: string): string | undefined {
  const value = filters.find((f) => f.id === id)?.value;
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** What the cells and headers read (through the table's meta): the columns themselves never change, so a cell's
 * component keeps its identity across renders and an open picker, its toast or its undo survive a refetch. */
interface TaskTableMeta {
  organizationSlug: string;
  canUpdate: boolean;
  sort: TaskSort;
  changeSort: (next: TaskSort) => void;
  isOverdue: (dueDate: string | null, status: string) => boolean;
  selected: ReadonlySet<string>;
  atLimit: boolean;
  pageIds: string[];
  pageState: boolean | "indeterminate";
  toggle: (ids: string[], on: boolean) => void;
}

type TaskCell = CellContext<TaskOutput, unknown>;
type TaskHeader = HeaderContext<TaskOutput, unknown>;

function metaOf(table: Table<TaskOutput>): TaskTableMeta {
  return table.options.meta as TaskTableMeta;
}

function SelectAllHeader({ table }: TaskHeader) {
  const meta = metaOf(table);
  return (
    <Checkbox
      aria-label="Select all tasks on this page"
      checked={meta.pageState}
      disabled={meta.pageIds.length === 0}
      onCheckedChange={(checked) => meta.toggle(meta.pageIds, checked === true)}
    />
  );
}

function SelectCell({ row, table }: TaskCell) {
  const meta = metaOf(table);
  const isSelected = meta.selected.has(row.original.id);
  return (
    <Checkbox
      aria-label={`Select ${row.original.reference}`}
      checked={isSelected}
      disabled={!isSelected && meta.atLimit}
      onCheckedChange={(checked) => meta.toggle([row.original.id], checked === true)}
    />
  );
}

function TitleHeader({ table }: TaskHeader) {
  const { sort, changeSort } = metaOf(table);
  return (
    <SortButton
      title="Task"
      active={sort === "newest" || sort === "oldest"}
      label={sort === "oldest" ? "oldest first" : "newest first"}
      onClick={() => changeSort(sort === "newest" ? "oldest" : "newest")}
    />
  );
}

function TitleCell({ row, table }: TaskCell) {
  const task = row.original;
  return (
    <Link
      href={`/o/${metaOf(table).organizationSlug}/projects/${task.projectId}/tasks/${task.id}`}
      className="font-medium hover:underline"
    >
      <span className="mr-1.5 whitespace-nowrap text-muted-foreground">{task.reference}</span>
      {task.title}
    </Link>
  );
}

function StatusCell({ row, table }: TaskCell) {
  return metaOf(table).canUpdate ? (
    <StatusPill task={row.original} size="sm" className="w-32" />
  ) : (
    <Badge variant="secondary">{STATUS_LABELS[row.original.status]}</Badge>
  );
}

function PriorityHeader({ table }: TaskHeader) {
  const { sort, changeSort } = metaOf(table);
  return (
    <SortButton
      title="Priority"
      active={sort === "priority"}
      label="most urgent first"
      onClick={() => changeSort(sort === "priority" ? "newest" : "priority")}
    />
  );
}

function PriorityCell({ row, table }: TaskCell) {
  return metaOf(table).canUpdate ? (
    <PriorityPill task={row.original} size="sm" className="w-28" />
  ) : (
    <Badge variant={row.original.priority === "URGENT" ? "destructive" : "outline"}>
      {PRIORITY_LABELS[row.original.priority]}
    </Badge>
  );
}

function AssigneesCell({ row, table }: TaskCell) {
  if (metaOf(table).canUpdate) return <AssigneesPill task={row.original} className="max-w-44" />;
  const names = row.original.assignees.map((a) => a.name).join(", ");
  return names || <span className="text-muted-foreground">—</span>;
}

function TagsCell({ row, table }: TaskCell) {
  return metaOf(table).canUpdate ? (
    <TagsPill task={row.original} names className="max-w-40" />
  ) : (
    row.original.tags.map((t) => t.name).join(", ")
  );
}

function DueHeader({ table }: TaskHeader) {
  const { sort, changeSort } = metaOf(table);
  return (
    <SortButton
      title="Due"
      active={sort === "due"}
      label="soonest first"
      onClick={() => changeSort(sort === "due" ? "newest" : "due")}
    />
  );
}

function DueCell({ row, table }: TaskCell) {
  const meta = metaOf(table);
  const task = row.original;
  if (meta.canUpdate) {
    return (
      <span className="flex items-center gap-2">
        <DueDatePill task={task} className="h-8 w-36" />
        {task.dueDate && meta.isOverdue(task.dueDate, task.status) ? (
          <DueDate dueDate={task.dueDate} status={task.status} />
        ) : null}
      </span>
    );
  }
  return task.dueDate ? (
    <DueDate dueDate={task.dueDate} status={task.status} />
  ) : (
    <span className="text-muted-foreground">—</span>
  );
}

// Module-level, so TanStack's flexRender gets the same component types on every render (an inline `cell`
// arrow is a new component each render: React would unmount and remount every cell, closing its picker).
const COLUMNS: ColumnDef<TaskOutput>[] = [
  { id: "title", header: TitleHeader, cell: TitleCell },
  { id: "status", header: "Status", cell: StatusCell },
  { id: "priority", header: PriorityHeader, cell: PriorityCell },
  { id: "assignees", header: "Assignees", cell: AssigneesCell },
  { id: "tags", header: "Tags", cell: TagsCell },
  { id: "due", header: DueHeader, cell: DueCell },
];
const COLUMNS_WITH_SELECT: ColumnDef<TaskOutput>[] = [
  { id: "select", header: SelectAllHeader, cell: SelectCell },
  ...COLUMNS,
];

export function TaskTable(props: { projectId: string }) {
  const trpc = useTRPC();
  const { organization } = useShell();
  const canUpdate = useCan("task.update").allowed;
  const { members, tags } = useTaskOptions();
  const pages = useCursorPagination();
  const { isOverdue } = useDates();
  const viewParams = useTaskViewParams();
  const { sort } = viewParams;
  // Filters live in the URL; the text filter also keeps local state so typing never waits on navigation.
  const [filters, setFilters] = useState<ColumnFiltersState>(viewParams.filters);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());

  const status = ZTaskStatus.safeParse(filterValue(filters, "status"));
  const priority = ZTaskPriority.safeParse(filterValue(filters, "priority"));
  const input: TListTasksInput = {
    projectId: props.projectId,
    status: status.success ? [status.data] : undefined,
    priority: priority.success ? [priority.data] : undefined,
    assigneeId: filterValue(filters, "assignees"),
    tagId: filterValue(filters, "tags"),
    search: filterValue(filters, "title"),
    sort,
    limit: TASKS_PAGE_SIZE,
    cursor: pages.cursor,
  };
  const query = useQuery({
    ...trpc.task.list.queryOptions(input),
    placeholderData: keepPreviousData,
  });

  const rows = query.data?.items ?? [];
  // Sorting is the server's keyset sorts (one direction each): a header toggles its sort on and off.
  const changeSort = (next: TaskSort) => {
    viewParams.setSort(next);
    pages.reset();
  };
  const atLimit = selected.size >= BULK_TASKS_MAX;
  // The selected tasks as they were when selected (selection spans pages): what a bulk Undo restores.
  const [snapshots, setSnapshots] = useState<ReadonlyMap<string, TaskOutput>>(() => new Map());
  const toggle = (ids: string[], on: boolean) => {
    setSnapshots(
      (current) =>
        new Map([
          ...current,
          ...rows.filter((t) => ids.includes(t.id)).map((t) => [t.id, t] as const),
        ]),
    );
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (!on) next.delete(id);
        else if (next.size < BULK_TASKS_MAX) next.add(id);
      }
      return next;
    });
  };
  const pageSelected = rows.filter((t) => selected.has(t.id)).length;
  const pageState =
    rows.length > 0 && pageSelected === rows.length
      ? true
      : pageSelected > 0
        ? "indeterminate"
        : false;

  const meta: TaskTableMeta = {
    organizationSlug: organization.slug,
    canUpdate,
    sort,
    changeSort,
    isOverdue,
    selected,
    atLimit,
    pageIds: rows.map((t) => t.id),
    pageState,
    toggle,
  };

  return (
    // Room under the table for the floating bulk bar, so it never covers the last rows or the pagination.
    <div className={selected.size > 0 ? "space-y-3 pb-28" : "space-y-3"}>
      {canUpdate && selected.size > 0 ? (
        <>
          <TaskBulkBar
            selectedIds={[...selected]}
            before={[...selected].flatMap((id) => {
              const task = snapshots.get(id);
              return task ? [task] : [];
            })}
            onDone={() => setSelected(new Set())}
          />
          {atLimit ? (
            <p className="text-sm text-muted-foreground">
              At most {BULK_TASKS_MAX} tasks can be changed at a time.
            </p>
          ) : null}
        </>
      ) : null}
      <DataTable
        label="Tasks"
        columns={canUpdate ? COLUMNS_WITH_SELECT : COLUMNS}
        meta={meta}
        data={rows}
        getRowId={(t) => t.id}
        isFetching={query.isFetching}
        columnFilters={filters}
        onColumnFiltersChange={(updater) => {
          const next = typeof updater === "function" ? updater(filters) : updater;
          setFilters(next);
          viewParams.setFilters(next);
          pages.reset();
          setSelected(new Set());
        }}
        filters={[
          { columnId: "title", label: "Search tasks", type: "text", placeholder: "Search tasks…" },
          {
            columnId: "status",
            label: "Status",
            type: "select",
            options: TASK_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
          },
          {
            columnId: "priority",
            label: "Priority",
            type: "select",
            options: TASK_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] })),
          },
          {
            columnId: "assignees",
            label: "Assignee",
            type: "select",
            options: members.map((m) => ({ value: m.id, label: m.name })),
          },
          {
            columnId: "tags",
            label: "Tag",
            type: "select",
            options: tags.map((t) => ({ value: t.id, label: t.name })),
          },
        ]}
        pagination={pages.controls(query.data?.nextCursor ?? null)}
        empty={
          <EmptyState
            icon={ListTodo}
            title="No tasks yet"
            description="Create the project's first task with “New task”."
          />
        }
      />
    </div>
  );
}
