"use client";

// The organization's audit trail in a DataTable: server cursor pagination (audit.list), with a server-side
// target-type filter plus sorting and an action filter within the loaded page.
import type { ColumnDef } from "@tanstack/react-table";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { History } from "lucide-react";

import type { AuditEntryOutput } from "~/trpc/outputs";
import { errorMessage } from "~/components/forms/form";
import { Badge } from "~/components/ui/badge";
import { DataTable, SortableHeader, useCursorPagination } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "~/components/ui/select";
import { useTRPC } from "~/trpc/react";
import { ACTIVITY_PAGE_SIZE } from "./constants";

const timeFormat = new Intl.DateTimeFormat("en-US", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

function actorLabel(actor: AuditEntryOutput["actor"]) {
  if (!actor) return "System";
  return actor.name.length > 0 ? actor.name : actor.email;
}

const columns: ColumnDef<AuditEntryOutput>[] = [
  {
    id: "createdAt",
    accessorFn: (row) => row.createdAt.getTime(),
    header: ({ column }) => <SortableHeader column={column} title="When (UTC)" />,
    cell: ({ row }) => (
      <time dateTime={row.original.createdAt.toISOString()} className="whitespace-nowrap">
        {timeFormat.format(row.original.createdAt)}
      </time>
    ),
  },
  {
    id: "actor",
    accessorFn: (row) => actorLabel(row.actor),
    header: ({ column }) => <SortableHeader column={column} title="Who" />,
    cell: ({ row }) =>
      row.original.actor ? (
        <span className="grid">
          <span className="font-medium">{actorLabel(row.original.actor)}</span>
          <span className="text-xs text-muted-foreground">{row.original.actor.email}</span>
        </span>
      ) : (
        <span className="text-muted-foreground">System</span>
      ),
  },
  {
    accessorKey: "action",
    header: ({ column }) => <SortableHeader column={column} title="Action" />,
    cell: ({ row }) => (
      <Badge variant="secondary" className="font-mono">
        {row.original.action}
      </Badge>
    ),
    filterFn: "equalsString",
  },
  {
    id: "target",
    accessorFn: (row) => row.targetType,
    header: "Target",
    enableSorting: false,
    cell: ({ row }) => {
      const name = row.original.metadata.name;
      return (
        <span className="grid">
          <span className="capitalize">{row.original.targetType}</span>
          {typeof name === "string" ? (
            <span className="text-xs text-muted-foreground">{name}</span>
          ) : null}
        </span>
      );
    },
  },
];

const TARGET_TYPES = ["project", "organization", "member", "invitation", "role", "team"];

export function ActivityTable() {
  const trpc = useTRPC();
  const pages = useCursorPagination();
  const [targetType, setTargetType] = useState<string | undefined>(undefined);
  const query = useQuery({
    ...trpc.audit.list.queryOptions({
      limit: ACTIVITY_PAGE_SIZE,
      cursor: pages.cursor,
      targetType,
    }),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  const actions = [...new Set(items.map((i) => i.action))].sort();

  return (
    <DataTable
      label="Activity"
      toolbar={
        <Select
          value={targetType ?? "__all"}
          onValueChange={(v) => {
            setTargetType(v === "__all" ? undefined : v);
            pages.reset();
          }}
        >
          <SelectTrigger size="sm" aria-label="Target type" className="min-w-40">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="__all">All targets</SelectItem>
            {TARGET_TYPES.map((t) => (
              <SelectItem key={t} value={t} className="capitalize">
                {t}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      }
      columns={columns}
      data={items}
      getRowId={(row) => row.id}
      isFetching={query.isFetching}
      filters={[
        {
          columnId: "action",
          label: "Action",
          type: "select",
          options: actions.map((a) => ({ label: a, value: a })),
        },
      ]}
      pagination={pages.controls(query.data?.nextCursor ?? null)}
      empty={
        query.isPending ? (
          <p className="py-10 text-center text-sm text-muted-foreground">Loading…</p>
        ) : query.isError ? (
          <p
            role="alert"
            className="py-10 text-center text-sm text-destructive-text dark:text-red-300"
          >
            {errorMessage(query.error, "The activity could not be loaded.")}
          </p>
        ) : (
          <EmptyState
            icon={History}
            title="No activity yet"
            description="Changes to projects, members and settings will show up here."
            className="rounded-none border-0"
          />
        )
      }
    />
  );
}
