"use client";

// Edit a task's fields; the form validates with the API's ZUpdateTaskInput.
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";

import { ZUpdateTaskInput } from "@tenantry/validators";

import type { TaskDetailOutput } from "~/trpc/outputs";
import {
  applyServerErrors,
  errorMessage,
  Form,
  FormControl,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
  FormRootError,
  useZodForm,
} from "~/components/forms/form";
import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "~/components/ui/dialog";
import { Input } from "~/components/ui/input";
import { toast } from "~/components/ui/sonner";
import { Textarea } from "~/components/ui/textarea";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";
import { TagFields } from "./tag-fields";
import { TaskScheduleFields } from "./task-field-controls";
import { TaskPickerFields } from "./task-picker-fields";
import { useTaskOptions } from "./use-tasks";

export function EditTaskDialog(props: {
  task: TaskDetailOutput;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Edit task</DialogTitle>
          <DialogDescription>{props.task.reference}</DialogDescription>
        </DialogHeader>
        {props.open ? (
          <EditTaskForm task={props.task} onDone={() => props.onOpenChange(false)} />
        ) : null}
      </DialogContent>
    </Dialog>
  );
}

/** "New tag" under the tag checklist: creates the tag (tag.manage) and ticks it on this task. */
function InlineTagCreator(props: { onCreated: (id: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const create = useMutation(
    trpc.tag.create.mutationOptions({
      onSuccess: async (tag) => {
        toast.success(`Tag “${tag.name}” created`);
        props.onCreated(tag.id);
        setOpen(false);
        await queryClient.invalidateQueries(trpc.tag.pathFilter());
      },
    }),
  );
  if (!open) {
    return (
      <Button
        type="button"
        variant="ghost"
        size="sm"
        className="justify-self-start"
        onClick={() => {
          create.reset();
          setOpen(true);
        }}
      >
        <Plus aria-hidden="true" />
        New tag
      </Button>
    );
  }
  return (
    <TagFields
      nested
      idPrefix="inline-tag"
      submitLabel="Add tag"
      pending={create.isPending}
      serverError={create.error ? errorMessage(create.error) : null}
      onSubmit={(values) => create.mutate(values)}
      onCancel={() => setOpen(false)}
      className="rounded-lg border p-3"
    />
  );
}

function EditTaskForm(props: { task: TaskDetailOutput; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { members, tags } = useTaskOptions();
  const canManageTags = useCan("tag.manage").allowed;
  const { task } = props;
  // Current assignees stay selectable even when the member list is not visible to this member.
  const memberOptions = [
    ...members,
    ...task.assignees
      .filter((a) => !members.some((m) => m.id === a.membershipId))
      .map((a) => ({ id: a.membershipId, name: a.name })),
  ];
  const form = useZodForm(ZUpdateTaskInput, {
    defaultValues: {
      id: task.id,
      title: task.title,
      description: task.description,
      status: task.status,
      priority: task.priority,
      dueDate: task.dueDate,
      assigneeIds: task.assignees.map((a) => a.membershipId),
      tagIds: task.tags.map((t) => t.id),
      parentId: task.parentId,
    },
  });
  const update = useMutation(
    trpc.task.update.mutationOptions({
      onSuccess: async (saved) => {
        toast.success(`Task ${saved.reference} saved`);
        await queryClient.invalidateQueries(trpc.task.pathFilter());
        props.onDone();
      },
      onError: (error) => applyServerErrors(form, error),
    }),
  );
  return (
    <Form {...form}>
      <form
        onSubmit={form.handleSubmit((values) => update.mutate(values))}
        className="grid gap-4"
        noValidate
      >
        <FormField
          control={form.control}
          name="title"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Title</FormLabel>
              <FormControl>
                <Input autoComplete="off" {...field} value={field.value ?? ""} />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        <TaskScheduleFields />
        <TaskPickerFields
          idPrefix="edit-task"
          projectId={task.projectId}
          task={{
            id: task.id,
            parentLabel: task.parent ? `${task.parent.reference} ${task.parent.title}` : null,
          }}
          members={memberOptions}
          tags={tags}
          tagExtra={(add) => (canManageTags ? <InlineTagCreator onCreated={add} /> : null)}
        />
        <FormField
          control={form.control}
          name="description"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Description</FormLabel>
              <FormControl>
                <Textarea rows={6} {...field} value={field.value ?? ""} />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        <FormRootError />
        <Button type="submit" pending={update.isPending}>
          Save changes
        </Button>
      </form>
    </Form>
  );
}
