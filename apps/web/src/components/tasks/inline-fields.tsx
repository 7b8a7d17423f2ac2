"use client";

// Property pills of a task, editable where they are shown: status and priority (selects), due date, assignees and
// tags (searchable pickers). Each change saves at once through useInlineUpdate (optimistic, rollback, undo).
import { useState } from "react";
import { Check, Plus } from "lucide-react";

import { TASK_PRIORITIES, TASK_STATUSES } from "@tenantry/validators";

import type { TaskOutput } from "~/trpc/outputs";
import { Button } from "~/components/ui/button";
import {
  Command,
  CommandEmpty,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
} from "~/components/ui/command";
import { Input } from "~/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "~/components/ui/popover";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "~/components/ui/select";
import { formatCalendarDate } from "~/lib/dates";
import { PRIORITY_LABELS, STATUS_LABELS } from "./constants";
import { useInlineUpdate } from "./use-inline-update";
import { useTaskOptions } from "./use-tasks";

type Size = "sm" | "default";

export function StatusPill(props: { task: TaskOutput; shortcut?: boolean; size?: Size }) {
  const { apply } = useInlineUpdate();
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
        data-shortcut={props.shortcut ? "s" : undefined}
        className="w-36"
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

export function PriorityPill(props: { task: TaskOutput; size?: Size }) {
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
        className="w-32"
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

export function DueDatePill(props: { task: TaskOutput }) {
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
      className="h-9 w-40"
    />
  );
}

/** A searchable, keyboard-operable multi-select in a popover; each toggle saves. */
function SetPicker(props: {
  label: string;
  options: { id: string; name: string; color?: string }[];
  selected: string[];
  summary: string;
  shortcut?: string;
  onChange: (ids: string[], description: string) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button
          variant="outline"
          size="sm"
          aria-label={`${props.label}: ${props.summary}`}
          data-shortcut={props.shortcut}
          className="max-w-full justify-start"
        >
          <Plus aria-hidden="true" />
          <span className="truncate">{props.summary}</span>
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-64 p-0" align="start">
        <Command>
          <CommandInput
            placeholder={`Search ${props.label.toLowerCase()}…`}
            aria-label={`Search ${props.label.toLowerCase()}`}
          />
          <CommandList>
            <CommandEmpty>No match.</CommandEmpty>
            <CommandGroup>
              {props.options.map((option) => {
                const on = props.selected.includes(option.id);
                return (
                  <CommandItem
                    key={option.id}
                    value={option.id}
                    keywords={[option.name]}
                    data-checked={on ? "true" : undefined}
                    onSelect={() => {
                      const next = on
                        ? props.selected.filter((id) => id !== option.id)
                        : [...props.selected, option.id];
                      props.onChange(next, `${on ? "removed" : "added"} ${option.name}`);
                    }}
                  >
                    <Check className={on ? "opacity-100" : "opacity-0"} aria-hidden="true" />
                    {option.color ? (
                      <span
                        aria-hidden="true"
                        className="size-2 rounded-full"
                        style={{ backgroundColor: option.color }}
                      />
                    ) : null}
                    <span className="truncate">{option.name}</span>
                    <span className="sr-only">{on ? "(selected)" : ""}</span>
                  </CommandItem>
                );
              })}
            </CommandGroup>
          </CommandList>
        </Command>
      </PopoverContent>
    </Popover>
  );
}

export function AssigneesPill(props: { task: TaskOutput; shortcut?: boolean }) {
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
  return (
    <SetPicker
      label="Assignees"
      options={options}
      selected={selected}
      shortcut={props.shortcut ? "a" : undefined}
      summary={props.task.assignees.map((a) => a.name).join(", ") || "Nobody"}
      onChange={(assigneeIds, description) =>
        apply(props.task, { assigneeIds }, `${description} as assignee`)
      }
    />
  );
}

export function TagsPill(props: { task: TaskOutput }) {
  const { apply } = useInlineUpdate();
  const { tags } = useTaskOptions();
  return (
    <SetPicker
      label="Tags"
      options={tags}
      selected={props.task.tags.map((t) => t.id)}
      summary={props.task.tags.length > 0 ? "Edit tags" : "Add tags"}
      onChange={(tagIds, description) => apply(props.task, { tagIds }, `${description} tag`)}
    />
  );
}
