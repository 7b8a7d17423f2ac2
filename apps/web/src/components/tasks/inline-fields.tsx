"use client";

// Property pills of a task, editable where they are shown: status and priority (selects), due date, assignees,
// tags and parent (searchable pickers). Each change saves at once through useInlineUpdate (optimistic, rollback, undo).
import { TASK_PRIORITIES, TASK_STATUSES } from "@tenantry/validators";

import type { TaskOutput } from "~/trpc/outputs";
import { useShortcut } from "~/components/shell/use-shortcut";
import { Input } from "~/components/ui/input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "~/components/ui/select";
import { useDates } from "~/lib/dates-context";
import { cn } from "~/lib/utils";
import { PRIORITY_LABELS, STATUS_LABELS } from "./constants";
import { ParentTaskPicker } from "./parent-task-picker";
import { SetPicker } from "./set-picker";
import { useInlineUpdate } from "./use-inline-update";
import { useTaskOptions } from "./use-tasks";

type Size = "sm" | "default";

export function StatusPill(props: {
  task: TaskOutput;
  shortcut?: boolean;
  size?: Size;
  className?: string;
}) {
  const { apply } = useInlineUpdate();
  const shortcut = useShortcut(props.shortcut ? "s" : undefined);
  return (
    <Select
      value={props.task.status}
      onValueChange={(value) => {
        const status = TASK_STATUSES.find((s) => s === value);
        if (status && status !== props.task.status)
          apply(props.task, { status }, `status set to ${STATUS_LABELS[status]}`);
      }}
    >
      <SelectTrigger
        size={props.size}
        aria-label={`Status of ${props.task.reference}`}
        {...shortcut}
        className={cn("w-36", props.className)}
      >
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {TASK_STATUSES.map((s) => (
          <SelectItem key={s} value={s}>
            {STATUS_LABELS[s]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

export function PriorityPill(props: { task: TaskOutput; size?: Size; className?: string }) {
  const { apply } = useInlineUpdate();
  return (
    <Select
      value={props.task.priority}
      onValueChange={(value) => {
        const priority = TASK_PRIORITIES.find((p) => p === value);
        if (priority && priority !== props.task.priority)
          apply(props.task, { priority }, `priority set to ${PRIORITY_LABELS[priority]}`);
      }}
    >
      <SelectTrigger
        size={props.size}
        aria-label={`Priority of ${props.task.reference}`}
        className={cn("w-32", props.className)}
      >
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {TASK_PRIORITIES.map((p) => (
          <SelectItem key={p} value={p}>
            {PRIORITY_LABELS[p]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

export function DueDatePill(props: { task: TaskOutput; className?: string }) {
  const { formatCalendarDate } = useDates();
  const { apply } = useInlineUpdate();
  return (
    <Input
      type="date"
      aria-label={`Due date of ${props.task.reference}`}
      value={props.task.dueDate ?? ""}
      onChange={(e) => {
        const dueDate = e.target.value || null;
        if (dueDate === props.task.dueDate) return;
        apply(
          props.task,
          { dueDate },
          dueDate ? `due ${formatCalendarDate(dueDate)}` : "due date cleared",
        );
      }}
      className={cn("h-9 w-40", props.className)}
    />
  );
}

export function AssigneesPill(props: { task: TaskOutput; shortcut?: boolean; className?: string }) {
  const { apply } = useInlineUpdate();
  const { members } = useTaskOptions();
  const selected = props.task.assignees.map((a) => a.membershipId);
  // Assignees the member list does not return (no member.read) still show by name.
  const known = new Set(members.map((m) => m.id));
  const options = [
    ...members,
    ...props.task.assignees
      .filter((a) => !known.has(a.membershipId))
      .map((a) => ({ id: a.membershipId, name: a.name })),
  ];
  const summary = props.task.assignees.map((a) => a.name).join(", ") || "Nobody";
  return (
    <SetPicker
      label="Assignees"
      ariaLabel={`Assignees of ${props.task.reference}: ${summary}`}
      className={props.className}
      options={options}
      selected={selected}
      shortcut={props.shortcut ? "a" : undefined}
      summary={summary}
      onChange={(assigneeIds, description) =>
        apply(props.task, { assigneeIds }, `${description} as assignee`)
      }
    />
  );
}

/** On the task page the tags show beside it ("Edit tags"); `names` shows them in the trigger (the table). */
export function TagsPill(props: { task: TaskOutput; names?: boolean; className?: string }) {
  const { apply } = useInlineUpdate();
  const { tags } = useTaskOptions();
  const names = props.task.tags.map((t) => t.name).join(", ");
  const summary = props.names ? names || "Add tags" : names ? "Edit tags" : "Add tags";
  return (
    <SetPicker
      label="Tags"
      // The visible text ("Add tags", "Edit tags") is part of the name too (axe: label-content-name-mismatch,
      // which ignores parenthesised text).
      ariaLabel={`Tags of ${props.task.reference}: ${names || "none"}${summary === names ? "" : `; ${summary}`}`}
      className={props.className}
      options={tags}
      selected={props.task.tags.map((t) => t.id)}
      summary={summary}
      onChange={(tagIds, description) => apply(props.task, { tagIds }, `${description} tag`)}
    />
  );
}

/** The parent as a pill: the server-searched picker, set or cleared at once (cycles are refused by the server). */
export function ParentPill(props: {
  task: TaskOutput;
  /** "WEB-3 Title" of the current parent. */
  parentLabel: string | null;
  className?: string;
}) {
  const { apply } = useInlineUpdate();
  return (
    <ParentTaskPicker
      projectId={props.task.projectId}
      taskId={props.task.id}
      value={props.task.parentId}
      initialLabel={props.parentLabel}
      standalone={{
        ariaLabel: `Parent of ${props.task.reference}: ${props.parentLabel ?? "none"}`,
        className: cn("h-9 w-full max-w-64", props.className),
      }}
      onChange={(parentId, label) => {
        if (parentId === props.task.parentId) return;
        apply(
          props.task,
          { parentId },
          parentId ? `parent set to ${label ?? "a task"}` : "parent cleared",
        );
      }}
    />
  );
}
