"use client";

// The activity page's server-side filters (actor, action, target type, date range) and the export links, which
// carry the same filters to the streaming export route.
import { useQuery } from "@tanstack/react-query";
import { Download } from "lucide-react";

import type { TAuditFilter } from "@tenantry/validators";

import { useShell } from "~/components/shell/shell-context";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "~/components/ui/select";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";

const TARGET_TYPES = [
  "project",
  "task",
  "comment",
  "attachment",
  "organization",
  "membership",
  "invitation",
  "role",
  "team",
  "tag",
  "license",
];
const ALL = "__all";

/** YYYY-MM-DD of a date input as a UTC day boundary (`to` is exclusive, so the next day). */
const dayStart = (value: string) => (value ? new Date(`${value}T00:00:00Z`) : undefined);
const dayAfter = (value: string) =>
  value ? new Date(new Date(`${value}T00:00:00Z`).getTime() + 86_400_000) : undefined;
const dayOf = (date: Date | undefined, end = false) =>
  date ? new Date(date.getTime() - (end ? 86_400_000 : 0)).toISOString().slice(0, 10) : "";

export function exportHref(slug: string, filter: TAuditFilter, format: "csv" | "jsonl"): string {
  const params = new URLSearchParams({ org: slug, format });
  for (const [key, value] of Object.entries(filter)) {
    if (value instanceof Date) params.set(key, value.toISOString());
    else if (typeof value === "string" && value) params.set(key, value);
  }
  return `/api/audit/export?${params.toString()}`;
}

export function ActivityFilters(props: {
  filter: TAuditFilter;
  onChange: (next: TAuditFilter) => void;
}) {
  const trpc = useTRPC();
  const { organization } = useShell();
  const canExport = useCan("audit.export");
  const canListMembers = useCan("member.read");
  const members = useQuery({
    ...trpc.member.list.queryOptions({ limit: 100 }),
    enabled: canListMembers.allowed,
  });
  const { filter, onChange } = props;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <Select
        value={filter.actorUserId ?? ALL}
        onValueChange={(v) => onChange({ ...filter, actorUserId: v === ALL ? undefined : v })}
      >
        <SelectTrigger size="sm" aria-label="Actor" className="min-w-40">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>Everyone</SelectItem>
          {(members.data?.items ?? []).map((m) => (
            <SelectItem key={m.userId} value={m.userId}>
              {m.name || m.email}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <Select
        value={filter.targetType ?? ALL}
        onValueChange={(v) => onChange({ ...filter, targetType: v === ALL ? undefined : v })}
      >
        <SelectTrigger size="sm" aria-label="Target type" className="min-w-36">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>All targets</SelectItem>
          {TARGET_TYPES.map((t) => (
            <SelectItem key={t} value={t} className="capitalize">
              {t}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      <Input
        aria-label="Action"
        placeholder="Action, e.g. task. or task.update"
        className="h-8 w-56"
        defaultValue={filter.action ?? ""}
        onBlur={(e) => onChange({ ...filter, action: e.target.value.trim() || undefined })}
      />
      <label className="grid text-xs text-muted-foreground">
        From
        <Input
          type="date"
          className="h-8"
          value={dayOf(filter.from)}
          onChange={(e) => onChange({ ...filter, from: dayStart(e.target.value) })}
        />
      </label>
      <label className="grid text-xs text-muted-foreground">
        To
        <Input
          type="date"
          className="h-8"
          value={dayOf(filter.to, true)}
          onChange={(e) => onChange({ ...filter, to: dayAfter(e.target.value) })}
        />
      </label>
      {canExport.allowed ? (
        <div className="ml-auto flex gap-2">
          {(["csv", "jsonl"] as const).map((format) => (
            <Button key={format} variant="outline" size="sm" asChild>
              <a href={exportHref(organization.slug, filter, format)} download>
                <Download aria-hidden="true" />
                {format === "csv" ? "CSV" : "JSON lines"}
              </a>
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
