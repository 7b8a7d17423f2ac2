"use client";

// The table's bulk action bar, floating over the page bottom so it never pushes the table down: one task.bulk call
// per choice (status, priority; add, replace or remove an assignee; add or remove a tag) on the selected tasks, with
// an Undo on the toast that reverses it from the tasks as they were selected. Delete asks first and its Undo restores.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Trash2, X } from "lucide-react";

import type { TBulkTasksInput } from "@tenantry/validators";
import {
  BULK_DELETE_TASKS_MAX,
  TASK_PRIORITIES,
  TASK_STATUSES,
  ZTaskPriority,
  ZTaskStatus,
} from "@tenantry/validators";

import type { TaskOutput } from "~/trpc/outputs";
import { errorMessage } from "~/components/forms/form";
import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "~/components/ui/select";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";
import { inverseOf } from "./bulk-undo";
import { PRIORITY_LABELS, STATUS_LABELS } from "./constants";
import { undoAction, useTaskRestore } from "./use-task-restore";
import { useTaskOptions } from "./use-tasks";

type BulkAction = TBulkTasksInput["action"];

/** The "Nobody" choice of "Replace assignees…" (unassigns). */
const NOBODY = "__nobody";

/** A select that runs its action as soon as an option is chosen, then shows its placeholder again. */
function ActionSelect(props: {
  label: string;
  placeholder: string;
  options: { value: string; label: string }[];
  disabled: boolean;
  onChoose: (value: string) => void;
}) {
  if (props.options.length === 0) return null;
  return (
    <Select value="" onValueChange={props.onChoose} disabled={props.disabled}>
      <SelectTrigger size="sm" aria-label={props.label} className="min-w-36 bg-background">
        <SelectValue placeholder={props.placeholder} />
      </SelectTrigger>
      <SelectContent>
        {props.options.map((o) => (
          <SelectItem key={o.value} value={o.value}>
            {o.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

export function TaskBulkBar(props: {
  selectedIds: string[];
  /** The selected tasks as they were when selected (for Undo). */
  before: TaskOutput[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { members, tags } = useTaskOptions();
  const count = props.selectedIds.length;
  const bulk = useMutation(
    trpc.task.bulk.mutationOptions({
      onSuccess: async ({ updated }, input) => {
        const noun = (n: number) => `${n} task${n === 1 ? "" : "s"}`;
        const undo = inverseOf(input.action, props.before);
        toast.success(
          updated === count
            ? `${noun(updated)} updated`
            : `${noun(updated)} of ${count} updated (the others already matched)`,
          undo.length > 0
            ? {
                action: {
                  label: "Undo",
                  onClick: () => {
                    void Promise.all(undo.map((call) => revert.mutateAsync(call))).then(
                      () => toast.success("Bulk change undone"),
                      (error: unknown) => toast.error(`Undo failed: ${errorMessage(error)}`),
                    );
                  },
                },
              }
            : undefined,
        );
        props.onDone();
        await queryClient.invalidateQueries(trpc.task.pathFilter());
      },
      onError: (error) => toast.error(`Bulk change failed: ${errorMessage(error)}`),
    }),
  );
  const revert = useMutation(
    trpc.task.bulk.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.task.pathFilter()),
    }),
  );
  const canDelete = useCan("task.delete").allowed;
  const restore = useTaskRestore();
  const remove = useMutation(
    trpc.task.bulkDelete.mutationOptions({
      onSuccess: async ({ ids }) => {
        toast.success(
          `${count} task${count === 1 ? "" : "s"} deleted`,
          undoAction(() => restore(ids)),
        );
        props.onDone();
        await queryClient.invalidateQueries(trpc.task.pathFilter());
      },
      onError: (error) => toast.error(`Delete failed: ${errorMessage(error)}`),
    }),
  );
  const run = (action: BulkAction) => bulk.mutate({ ids: props.selectedIds, action });
  const memberOptions = members.map((m) => ({ value: m.id, label: m.name }));
  const tagOptions = tags.map((t) => ({ value: t.id, label: t.name }));
  const disabled = bulk.isPending || remove.isPending;

  return (
    <section
      aria-label="Bulk actions"
      aria-busy={bulk.isPending ? true : undefined}
      className="fixed inset-x-2 bottom-4 z-40 mx-auto flex max-w-4xl flex-wrap items-center gap-2 rounded-lg border bg-popover px-3 py-2 text-sm text-popover-foreground shadow-lg"
    >
      <span className="font-medium" aria-live="polite">
        {count} selected
      </span>
      <ActionSelect
        label="Set status of selected tasks"
        placeholder="Set status…"
        options={TASK_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        disabled={disabled}
        onChoose={(value) => {
          const status = ZTaskStatus.safeParse(value);
          if (status.success) run({ type: "setStatus", status: status.data });
        }}
      />
      <ActionSelect
        label="Set priority of selected tasks"
        placeholder="Set priority…"
        options={TASK_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
        disabled={disabled}
        onChoose={(value) => {
          const priority = ZTaskPriority.safeParse(value);
          if (priority.success) run({ type: "setPriority", priority: priority.data });
        }}
      />
      <ActionSelect
        label="Add assignee to selected tasks"
        placeholder="Add assignee…"
        options={memberOptions}
        disabled={disabled}
        onChoose={(membershipId) => run({ type: "addAssignee", membershipId })}
      />
      <ActionSelect
        label="Replace assignees of selected tasks"
        placeholder="Replace assignees…"
        options={
          memberOptions.length > 0 ? [{ value: NOBODY, label: "Nobody" }, ...memberOptions] : []
        }
        disabled={disabled}
        onChoose={(value) =>
          run({ type: "setAssignees", membershipIds: value === NOBODY ? [] : [value] })
        }
      />
      <ActionSelect
        label="Remove assignee from selected tasks"
        placeholder="Remove assignee…"
        options={memberOptions}
        disabled={disabled}
        onChoose={(membershipId) => run({ type: "removeAssignee", membershipId })}
      />
      <ActionSelect
        label="Add tag to selected tasks"
        placeholder="Add tag…"
        options={tagOptions}
        disabled={disabled}
        onChoose={(tagId) => run({ type: "addTag", tagId })}
      />
      <ActionSelect
        label="Remove tag from selected tasks"
        placeholder="Remove tag…"
        options={tagOptions}
        disabled={disabled}
        onChoose={(tagId) => run({ type: "removeTag", tagId })}
      />
      <Input
        type="date"
        aria-label="Set due date of selected tasks"
        disabled={disabled}
        // Each pick applies at once; the field stays empty, as the selects return to their placeholder.
        value=""
        onChange={(e) => {
          if (e.target.value) run({ type: "setDueDate", dueDate: e.target.value });
        }}
        className="h-8 w-40 bg-background"
      />
      <Button
        variant="outline"
        size="sm"
        disabled={disabled}
        onClick={() => run({ type: "setDueDate", dueDate: null })}
      >
        Clear due dates
      </Button>
      {canDelete ? (
        <ConfirmDialog
          title={`Delete ${count} task${count === 1 ? "" : "s"}?`}
          description="They are removed with their subtasks, comments and attachments. You can undo this for 30 days."
          confirmLabel="Delete tasks"
          onConfirm={() => remove.mutateAsync({ ids: props.selectedIds }).catch(() => undefined)}
          trigger={
            <Button
              variant="destructive"
              size="sm"
              disabled={disabled || count > BULK_DELETE_TASKS_MAX}
              title={
                count > BULK_DELETE_TASKS_MAX
                  ? `At most ${BULK_DELETE_TASKS_MAX} tasks can be deleted at a time`
                  : undefined
              }
            >
              <Trash2 aria-hidden="true" />
              Delete
            </Button>
          }
        />
      ) : null}
      <Button variant="ghost" size="sm" className="ml-auto" onClick={props.onDone}>
        <X aria-hidden="true" />
        Clear selection
      </Button>
    </section>
  );
}
