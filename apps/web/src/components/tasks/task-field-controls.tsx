"use client";

// The controls of a task's status, priority and due date, shared by the create and edit dialogs. Each renders
// inside a FormItem, so FormControl wires its label, description and error as usual; TaskScheduleFields lays the
// three out as form fields of the surrounding form.
import { useFormContext } from "react-hook-form";

import type { TTaskPriority, TTaskStatus } from "@tenantry/validators";
import { TASK_PRIORITIES, TASK_STATUSES } from "@tenantry/validators";

import { FormControl, FormField, FormItem, FormLabel, FormMessage } from "~/components/forms/form";
import { Input } from "~/components/ui/input";
import {
  Select,
  SelectContent,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "~/components/ui/select";
import { PRIORITY_LABELS, STATUS_LABELS } from "./constants";

function EnumSelect<T extends string>(props: {
  options: readonly T[];
  labels: Record<T, string>;
  value: T | undefined;
  onChange: (value: T) => void;
}) {
  return (
    <Select value={props.value} onValueChange={(v) => props.onChange(v as T)}>
      <FormControl>
        <SelectTrigger className="w-full">
          <SelectValue />
        </SelectTrigger>
      </FormControl>
      <SelectContent>
        {props.options.map((option) => (
          <SelectItem key={option} value={option}>
            {props.labels[option]}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

export function StatusSelect(props: {
  value: TTaskStatus | undefined;
  onChange: (value: TTaskStatus) => void;
}) {
  return <EnumSelect options={TASK_STATUSES} labels={STATUS_LABELS} {...props} />;
}

export function PrioritySelect(props: {
  value: TTaskPriority | undefined;
  onChange: (value: TTaskPriority) => void;
}) {
  return <EnumSelect options={TASK_PRIORITIES} labels={PRIORITY_LABELS} {...props} />;
}

/** A date input whose empty value means "no due date" (null), as the API expects. */
export function DueDateInput({
  name,
  ref,
  onBlur,
  value,
  onChange,
}: {
  name: string;
  ref?: React.Ref<HTMLInputElement>;
  onBlur: () => void;
  value: string | null | undefined;
  onChange: (value: string | null) => void;
}) {
  return (
    <FormControl>
      <Input
        type="date"
        name={name}
        ref={ref}
        onBlur={onBlur}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || null)}
      />
    </FormControl>
  );
}

/** The fields both task dialogs share; the surrounding <Form> must hold status, priority and dueDate. */
export function TaskScheduleFields() {
  const { control } = useFormContext<{
    status: TTaskStatus;
    priority: TTaskPriority;
    dueDate: string | null;
  }>();
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <FormField
        control={control}
        name="status"
        render={({ field }) => (
          <FormItem>
            <FormLabel>Status</FormLabel>
            <StatusSelect value={field.value} onChange={field.onChange} />
            <FormMessage />
          </FormItem>
        )}
      />
      <FormField
        control={control}
        name="priority"
        render={({ field }) => (
          <FormItem>
            <FormLabel>Priority</FormLabel>
            <PrioritySelect value={field.value} onChange={field.onChange} />
            <FormMessage />
          </FormItem>
        )}
      />
      <FormField
        control={control}
        name="dueDate"
        render={({ field }) => (
          <FormItem>
            <FormLabel>Due date</FormLabel>
            <DueDateInput
              name={field.name}
              ref={field.ref}
              onBlur={field.onBlur}
              value={field.value}
              onChange={field.onChange}
            />
            <FormMessage />
          </FormItem>
        )}
      />
    </div>
  );
}
