"use client";

// The picker section the create- and edit-task dialogs share: parent task (server-searched), assignees and tags
// (searchable sets), wired to the surrounding form's parentId, assigneeIds and tagIds fields.
import { useFormContext } from "react-hook-form";

import type { PickerOption } from "./set-picker";
import { FormField, FormItem, FormLabel, FormMessage } from "~/components/forms/form";
import { ParentTaskPicker } from "./parent-task-picker";
import { SetPicker } from "./set-picker";

interface PickerValues {
  parentId?: string | null;
  assigneeIds?: string[];
  tagIds?: string[];
}

/** The names of the picked ids, for a picker's trigger. */
function names(ids: string[] | undefined, options: PickerOption[], none: string) {
  return (
    (ids ?? []).flatMap((id) => options.find((o) => o.id === id)?.name ?? []).join(", ") || none
  );
}

export function TaskPickerFields(props: {
  /** Prefix of the pickers' ids ("new-task", "edit-task"): one dialog's labels never point at another's. */
  idPrefix: string;
  projectId: string;
  /** The task being edited (never offered as its own parent) and its parent's label. */
  task?: { id: string; parentLabel: string | null };
  members: PickerOption[];
  tags: PickerOption[];
  /** "(optional)" after the parent's label: the create dialog says it. */
  parentOptional?: boolean;
  /** Assignees and tags side by side from the small breakpoint up (the create dialog). */
  columns?: boolean;
  /** Below the tags picker, given a way to add a tag id to the selection (the edit dialog's inline creator). */
  tagExtra?: (add: (id: string) => void) => React.ReactNode;
}) {
  const form = useFormContext<PickerValues>();
  return (
    <>
      <FormField
        control={form.control}
        name="parentId"
        render={({ field }) => (
          <FormItem>
            <FormLabel>
              Parent task
              {props.parentOptional ? (
                <span className="font-normal text-muted-foreground"> (optional)</span>
              ) : null}
            </FormLabel>
            <ParentTaskPicker
              projectId={props.projectId}
              taskId={props.task?.id}
              value={field.value}
              initialLabel={props.task?.parentLabel ?? null}
              onChange={(id) => field.onChange(id)}
              onBlur={field.onBlur}
              ref={field.ref}
            />
            <FormMessage />
          </FormItem>
        )}
      />
      <div className={props.columns ? "grid gap-4 sm:grid-cols-2" : "contents"}>
        <FormField
          control={form.control}
          name="assigneeIds"
          render={({ field }) => (
            <FormItem>
              <FormLabel htmlFor={`${props.idPrefix}-assignees`}>Assignees</FormLabel>
              <SetPicker
                id={`${props.idPrefix}-assignees`}
                label="Assignees"
                ariaLabel={`Assignees: ${names(field.value, props.members, "Nobody")}`}
                options={props.members}
                selected={field.value ?? []}
                summary={names(field.value, props.members, "Nobody")}
                className="w-full"
                onChange={(ids) => field.onChange(ids)}
              />
              <FormMessage />
            </FormItem>
          )}
        />
        <FormField
          control={form.control}
          name="tagIds"
          render={({ field }) => (
            <FormItem>
              <FormLabel htmlFor={`${props.idPrefix}-tags`}>Tags</FormLabel>
              <SetPicker
                id={`${props.idPrefix}-tags`}
                label="Tags"
                ariaLabel={`Tags: ${names(field.value, props.tags, "No tags")}`}
                options={props.tags}
                selected={field.value ?? []}
                summary={names(field.value, props.tags, "No tags")}
                className="w-full"
                onChange={(ids) => field.onChange(ids)}
              />
              {props.tagExtra?.((id) => field.onChange([...(field.value ?? []), id]))}
              <FormMessage />
            </FormItem>
          )}
        />
      </div>
    </>
  );
}
