"use client";

// A task's timeline: who changed which field from what to what.
import { useQuery } from "@tanstack/react-query";

import { useDates } from "~/lib/dates-context";
import { useTRPC } from "~/trpc/react";
import { ACTIVITY_LIMIT, PRIORITY_LABELS, STATUS_LABELS } from "./constants";
import { useTaskOptions } from "./use-tasks";

const FIELD_LABELS: Record<string, string> = { dueDate: "due date", parent: "parent task" };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Entries store ids (assignees, tags) and enum values; show names and labels where known. */
function show(value: unknown, names: Map<string, string>): string {
  if (value === null || value === undefined || value === "") return "nothing";
  if (typeof value === "string") {
    const known =
      names.get(value) ??
      (value in STATUS_LABELS ? STATUS_LABELS[value as keyof typeof STATUS_LABELS] : undefined) ??
      (value in PRIORITY_LABELS
        ? PRIORITY_LABELS[value as keyof typeof PRIORITY_LABELS]
        : undefined);
    if (known) return known;
    return value.length > 60 ? `${value.slice(0, 57)}…` : value;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value))
    return value.length === 0 ? "nobody" : value.map((v) => show(v, names)).join(", ");
  return "a value";
}

function setChange(
  field: string,
  from: unknown,
  to: unknown,
  names: Map<string, string>,
): string | null {
  if ((field !== "tags" && field !== "assignees") || !Array.isArray(to)) return null;
  const before = Array.isArray(from) ? from.map(String) : [];
  const after = to.map(String);
  const added = after.filter((id) => !before.includes(id)).map((id) => show(id, names));
  const removed = before.filter((id) => !after.includes(id)).map((id) => show(id, names));
  const parts =
    field === "tags"
      ? [
          added.length ? `added ${added.length > 1 ? "tags" : "tag"} ${added.join(", ")}` : "",
          removed.length
            ? `removed ${removed.length > 1 ? "tags" : "tag"} ${removed.join(", ")}`
            : "",
        ]
      : [
          added.length ? `assigned ${added.join(", ")}` : "",
          removed.length ? `unassigned ${removed.join(", ")}` : "",
        ];
  const sentence = parts.filter(Boolean).join(" and ");
  return sentence || null;
}

function describe(
  entry: { field: string; from: unknown; to: unknown },
  names: Map<string, string>,
): React.ReactNode {
  const to = entry.to;
  if (entry.field === "created") return "created the task";
  if (entry.field === "comment") return "commented";
  if (entry.field === "description") return "edited the description";
  const label = FIELD_LABELS[entry.field] ?? entry.field;
  // A set replaced (tags, assignees): say what was added and removed ("added tag frontend"), not the lists.
  const sets = setChange(entry.field, entry.from, to, names);
  if (sets) return sets;
  if (isRecord(to) && "added" in to) {
    return entry.field === "attachment"
      ? `attached ${show(to.added, names)}`
      : `added ${show(to.added, names)} to ${label}`;
  }
  if (isRecord(to) && "removed" in to) {
    return entry.field === "attachment"
      ? `removed the attachment ${show(to.removed, names)}`
      : `removed ${show(to.removed, names)} from ${label}`;
  }
  return (
    <>
      changed <span className="font-medium">{label}</span> from{" "}
      <span className="text-muted-foreground">{show(entry.from, names)}</span> to{" "}
      <span className="text-muted-foreground">{show(to, names)}</span>
    </>
  );
}

export function TaskActivity(props: { taskId: string }) {
  const { formatDateTime } = useDates();
  const trpc = useTRPC();
  const { data, isPending } = useQuery(
    trpc.task.activity.queryOptions({ taskId: props.taskId, limit: ACTIVITY_LIMIT }),
  );
  const { members, tags } = useTaskOptions();
  const names = new Map([...members, ...tags].map((o) => [o.id, o.name]));
  const items = data?.items ?? [];
  return (
    <section aria-labelledby="activity-heading" className="space-y-3">
      <h2 id="activity-heading" className="text-lg font-semibold">
        Activity
      </h2>
      {isPending ? (
        <p className="text-sm text-muted-foreground">Loading activity…</p>
      ) : items.length === 0 ? (
        <p className="text-sm text-muted-foreground">No changes yet.</p>
      ) : (
        <ol className="relative space-y-3 border-l pl-4" aria-label="Activity">
          {items.map((entry) => (
            <li key={entry.id} className="text-sm">
              <span
                aria-hidden="true"
                className="absolute -left-1 mt-1.5 size-2 rounded-full bg-primary"
              />
              <p>
                <span className="font-medium">{entry.actor?.name ?? "Someone"}</span>{" "}
                {describe(entry, names)}
              </p>
              <time
                dateTime={entry.createdAt.toISOString()}
                className="text-xs text-muted-foreground"
              >
                {formatDateTime(entry.createdAt)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
