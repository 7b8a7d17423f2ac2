"use client";

// The organization's audit trail: each entry a sentence linked to its target, server-side filters and cursor
// pagination (audit.list), a details drawer with the before/after, and (for audit.verify) a chain check.
import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { History, ShieldCheck } from "lucide-react";

import type { TAuditFilter } from "@tenantry/validators";

import type { AuditEntryOutput } from "~/trpc/outputs";
import { errorMessage } from "~/components/forms/form";
import { useShell } from "~/components/shell/shell-context";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { DataTable, useCursorPagination } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import { useCan } from "~/lib/access/use-can";
import { useDates } from "~/lib/dates-context";
import { useTRPC } from "~/trpc/react";
import { ActivityDetails } from "./activity-details";
import { ActivityFilters } from "./activity-filters";
import { auditSentence } from "./audit-sentence";
import { ACTIVITY_PAGE_SIZE } from "./constants";

function columns(
  slug: string,
  open: (entry: AuditEntryOutput) => void,
  formatDateTime: (date: Date) => string,
): ColumnDef<AuditEntryOutput>[] {
  return [
    {
      id: "createdAt",
      header: "When",
      cell: ({ row }) => (
        <time dateTime={row.original.createdAt.toISOString()} className="whitespace-nowrap">
          {formatDateTime(row.original.createdAt)}
        </time>
      ),
    },
    {
      id: "sentence",
      header: "What happened",
      cell: ({ row }) => {
        const s = auditSentence(slug, row.original);
        return (
          <span>
            <span className="font-medium">{s.actor}</span>{" "}
            {s.href ? (
              <Link href={s.href} className="hover:underline">
                {s.text}
              </Link>
            ) : (
              s.text
            )}
          </span>
        );
      },
    },
    {
      accessorKey: "action",
      header: "Action",
      cell: ({ row }) => (
        <Badge variant="secondary" className="font-mono">
          {row.original.action}
        </Badge>
      ),
    },
    {
      id: "details",
      header: () => <span className="sr-only">Details</span>,
      cell: ({ row }) => (
        <Button variant="ghost" size="sm" onClick={() => open(row.original)}>
          Details
        </Button>
      ),
    },
  ];
}

function VerifyChain() {
  const trpc = useTRPC();
  const verify = useQuery({ ...trpc.audit.verify.queryOptions(), enabled: false });
  const result = verify.data;
  return (
    <div className="flex items-center gap-2 text-sm">
      <Button
        variant="outline"
        size="sm"
        onClick={() => void verify.refetch()}
        disabled={verify.isFetching}
      >
        <ShieldCheck aria-hidden="true" />
        Verify integrity
      </Button>
      <span role="status">
        {verify.isError
          ? errorMessage(verify.error, "Verification failed to run.")
          : result
            ? result.ok
              ? `Chain intact: ${result.checked} entries verified.`
              : `Chain broken at entry #${result.firstBroken?.seq ?? "?"} (${result.firstBroken?.reason.replaceAll("_", " ") ?? ""}).`
            : null}
      </span>
    </div>
  );
}

export function ActivityTable() {
  const { formatDateTime } = useDates();
  const trpc = useTRPC();
  const { organization } = useShell();
  const canVerify = useCan("audit.verify");
  const pages = useCursorPagination();
  const [filter, setFilter] = useState<TAuditFilter>({});
  const [selected, setSelected] = useState<AuditEntryOutput | null>(null);
  const query = useQuery({
    ...trpc.audit.list.queryOptions({ limit: ACTIVITY_PAGE_SIZE, cursor: pages.cursor, ...filter }),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  const sentence = selected ? auditSentence(organization.slug, selected) : null;

  return (
    <div className="space-y-3">
      {canVerify.allowed ? <VerifyChain /> : null}
      <DataTable
        label="Activity"
        toolbar={
          <ActivityFilters
            filter={filter}
            onChange={(next) => {
              setFilter(next);
              pages.reset();
            }}
          />
        }
        columns={columns(organization.slug, setSelected, formatDateTime)}
        data={items}
        getRowId={(row) => row.id}
        isFetching={query.isFetching}
        pagination={pages.controls(query.data?.nextCursor ?? null)}
        empty={
          query.isPending ? (
            <p className="py-10 text-center text-sm text-muted-foreground">Loading…</p>
          ) : query.isError ? (
            <p
              role="alert"
              className="py-10 text-center text-sm text-destructive dark:text-red-300"
            >
              {errorMessage(query.error, "The activity could not be loaded.")}
            </p>
          ) : (
            <EmptyState
              icon={History}
              title="No activity yet"
              description="Changes to projects, tasks, members and settings will show up here."
              className="rounded-none border-0"
            />
          )
        }
      />
      <ActivityDetails
        entry={selected}
        sentence={sentence ? `${sentence.actor} ${sentence.text}` : ""}
        onClose={() => setSelected(null)}
      />
    </div>
  );
}
