"use client";

// DataTable on TanStack Table v8: sortable headers, column filters and server (cursor) pagination.
// Sorting and filtering apply to the loaded page unless the caller passes `onSortingChange` /
// `onColumnFiltersChange` to do them on the server (then the table only reports state changes).
import type {
  Column,
  ColumnDef,
  ColumnFiltersState,
  OnChangeFn,
  SortingState,
  TableMeta,
} from "@tanstack/react-table";
import * as React from "react";
import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight } from "lucide-react";

import { cn } from "~/lib/utils";
import { Button } from "./button";
import { Input } from "./input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "./select";
import { Skeleton } from "./skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "./table";

export type DataTableFilter =
  | { columnId: string; label: string; type: "text"; placeholder?: string }
  | {
      columnId: string;
      label: string;
      type: "select";
      options: { label: string; value: string }[];
      /** The "no filter" choice; default "Any <label>". */
      allLabel?: string;
    };

export interface DataTablePagination {
  /** 1-based page number shown to the user. */
  page: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

export interface DataTableProps<TData, TValue> {
  columns: ColumnDef<TData, TValue>[];
  data: TData[];
  /** Accessible name of the table (also the caption for screen readers). */
  label: string;
  getRowId?: (row: TData) => string;
  filters?: DataTableFilter[];
  pagination?: DataTablePagination;
  /** A refetch is in flight (e.g. the next page): rows dim, the layout stays. */
  isFetching?: boolean;
  /** Extra controls at the start of the filter row (e.g. a server-side filter). */
  toolbar?: React.ReactNode;
  /** Shown instead of rows when there are none (an <EmptyState /> usually). */
  empty?: React.ReactNode;
  sorting?: SortingState;
  onSortingChange?: OnChangeFn<SortingState>;
  columnFilters?: ColumnFiltersState;
  onColumnFiltersChange?: OnChangeFn<ColumnFiltersState>;
  /** What cells and headers read through `table.options.meta`: lets callers keep `columns` stable (module-level
   * cell components) so cells never remount when the caller re-renders. */
  meta?: TableMeta<TData>;
  className?: string;
}

export function DataTable<TData, TValue>(props: DataTableProps<TData, TValue>) {
  const [localSorting, setLocalSorting] = React.useState<SortingState>([]);
  const [localFilters, setLocalFilters] = React.useState<ColumnFiltersState>([]);
  const manualSorting = !!props.onSortingChange;
  const manualFiltering = !!props.onColumnFiltersChange;
  const sorting = props.sorting ?? localSorting;
  const columnFilters = props.columnFilters ?? localFilters;

  // TanStack Table returns non-memoizable functions by design; the React Compiler lint rule knows this.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: props.data,
    columns: props.columns,
    getRowId: props.getRowId,
    meta: props.meta,
    state: { sorting, columnFilters },
    onSortingChange: props.onSortingChange ?? setLocalSorting,
    onColumnFiltersChange: props.onColumnFiltersChange ?? setLocalFilters,
    manualSorting,
    manualFiltering,
    manualPagination: true,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: manualSorting ? undefined : getSortedRowModel(),
    getFilteredRowModel: manualFiltering ? undefined : getFilteredRowModel(),
  });

  const rows = table.getRowModel().rows;
  const filtered = columnFilters.length > 0;

  return (
    <div className={cn("space-y-3", props.className)}>
      {props.toolbar !== undefined || (props.filters && props.filters.length > 0) ? (
        <div
          className="flex flex-wrap items-end gap-2"
          role="search"
          aria-label={`Filter ${props.label}`}
        >
          {props.toolbar}
          {(props.filters ?? []).map((filter) => {
            const column = table.getColumn(filter.columnId);
            if (!column) return null;
            const value = column.getFilterValue();
            return filter.type === "text" ? (
              <Input
                key={filter.columnId}
                aria-label={filter.label}
                // The "/" shortcut focuses a page's search box.
                data-shortcut="/"
                placeholder={filter.placeholder ?? filter.label}
                value={typeof value === "string" ? value : ""}
                onChange={(e) => column.setFilterValue(e.target.value || undefined)}
                className="h-8 w-full sm:w-64"
              />
            ) : (
              <Select
                key={filter.columnId}
                value={typeof value === "string" ? value : "__all"}
                onValueChange={(v) => column.setFilterValue(v === "__all" ? undefined : v)}
              >
                <SelectTrigger size="sm" aria-label={filter.label} className="min-w-36">
                  <SelectValue placeholder={filter.label} />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="__all">
                    {filter.allLabel ?? `Any ${filter.label.toLowerCase()}`}
                  </SelectItem>
                  {filter.options.map((o) => (
                    <SelectItem key={o.value} value={o.value}>
                      {o.label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            );
          })}
          {filtered ? (
            <Button variant="ghost" size="sm" onClick={() => table.resetColumnFilters()}>
              Reset filters
            </Button>
          ) : null}
        </div>
      ) : null}

      <div className="overflow-hidden rounded-lg border">
        <Table aria-label={props.label} aria-busy={props.isFetching ? true : undefined}>
          <TableHeader className="bg-muted/40">
            {table.getHeaderGroups().map((headerGroup) => (
              <TableRow key={headerGroup.id} className="hover:bg-transparent">
                {headerGroup.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <TableHead
                      key={header.id}
                      aria-sort={
                        sorted === "asc"
                          ? "ascending"
                          : sorted === "desc"
                            ? "descending"
                            : undefined
                      }
                    >
                      {header.isPlaceholder
                        ? null
                        : flexRender(header.column.columnDef.header, header.getContext())}
                    </TableHead>
                  );
                })}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody className={cn(props.isFetching && "opacity-60 transition-opacity")}>
            {rows.length > 0 ? (
              rows.map((row) => (
                <TableRow key={row.id} data-state={row.getIsSelected() ? "selected" : undefined}>
                  {row.getVisibleCells().map((cell) => (
                    <TableCell key={cell.id}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </TableCell>
                  ))}
                </TableRow>
              ))
            ) : (
              <TableRow className="hover:bg-transparent">
                <TableCell colSpan={props.columns.length} className="p-0">
                  {filtered ? (
                    <p className="py-10 text-center text-sm text-muted-foreground">
                      No results match the filters.
                    </p>
                  ) : (
                    (props.empty ?? (
                      <p className="py-10 text-center text-sm text-muted-foreground">No results.</p>
                    ))
                  )}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </div>

      {props.pagination ? (
        <nav
          aria-label={`${props.label} pages`}
          className="flex items-center justify-end gap-2 text-sm text-muted-foreground"
        >
          <span aria-live="polite">Page {props.pagination.page}</span>
          <Button
            variant="outline"
            size="sm"
            onClick={props.pagination.onPrevious}
            disabled={!props.pagination.hasPrevious || props.isFetching}
          >
            <ChevronLeft aria-hidden="true" />
            Previous
          </Button>
          <Button
            variant="outline"
            size="sm"
            onClick={props.pagination.onNext}
            disabled={!props.pagination.hasNext || props.isFetching}
          >
            Next
            <ChevronRight aria-hidden="true" />
          </Button>
        </nav>
      ) : null}
    </div>
  );
}

/** A header cell that toggles sorting: `header: ({ column }) => <SortableHeader column={column} title="Name" />`. */
export function SortableHeader<TData, TValue>(props: {
  column: Column<TData, TValue>;
  title: string;
}) {
  if (!props.column.getCanSort()) return <span>{props.title}</span>;
  const sorted = props.column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <Button
      variant="ghost"
      size="sm"
      className="-ml-2 h-8 data-[sorted=true]:text-foreground"
      data-sorted={!!sorted}
      onClick={() => props.column.toggleSorting(sorted === "asc")}
    >
      {props.title}
      <Icon className="size-3.5" aria-hidden="true" />
    </Button>
  );
}

/**
 * Cursor pagination state for a tRPC list procedure returning `{ items, nextCursor }`:
 *
 *   const pages = useCursorPagination();
 *   const query = useQuery({ ...trpc.audit.list.queryOptions({ limit: 20, cursor: pages.cursor }),
 *     placeholderData: keepPreviousData });
 *   <DataTable pagination={pages.controls(query.data?.nextCursor ?? null)} isFetching={query.isFetching} … />
 *
 * Changing a server-side filter or sort should call `pages.reset()`.
 */
export function useCursorPagination() {
  // The cursors that opened each visited page; page 1 opens with null.
  const [stack, setStack] = React.useState<(string | null)[]>([null]);
  const cursor = stack[stack.length - 1] ?? null;
  const reset = React.useCallback(() => setStack([null]), []);
  const controls = (nextCursor: string | null): DataTablePagination => ({
    page: stack.length,
    hasPrevious: stack.length > 1,
    hasNext: nextCursor !== null,
    onPrevious: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    onNext: () => {
      if (nextCursor) setStack((s) => [...s, nextCursor]);
    },
  });
  return { cursor, page: stack.length, reset, controls };
}

/** Placeholder rows while the first page loads (use in loading.tsx or Suspense fallbacks). */
export function DataTableSkeleton(props: { columns: number; rows?: number }) {
  return (
    <div className="overflow-hidden rounded-lg border" aria-hidden="true">
      <div className="flex gap-4 border-b bg-muted/40 px-3 py-3">
        {Array.from({ length: props.columns }, (_, i) => (
          <Skeleton key={i} className="h-4 flex-1" />
        ))}
      </div>
      {Array.from({ length: props.rows ?? 5 }, (_, r) => (
        <div key={r} className="flex gap-4 border-b px-3 py-3.5 last:border-0">
          {Array.from({ length: props.columns }, (_, i) => (
            <Skeleton key={i} className="h-4 flex-1" />
          ))}
        </div>
      ))}
    </div>
  );
}
