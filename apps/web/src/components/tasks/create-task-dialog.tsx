"use client";

// "New task" dialog: the form validates with the API's own ZCreateTaskInput; assignees and tags are picked with the
// same searchable pickers as the task page.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";

import { ZCreateTaskInput } from "@tenantry/validators";

import { UnavailableAction } from "~/components/access/unavailable-action";
import {
  applyServerErrors,
  Form,
  FormControl,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
  FormRootError,
  useZodForm,
} from "~/components/forms/form";
import { useShortcut } from "~/components/shell/use-shortcut";
import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "~/components/ui/dialog";
import { Input } from "~/components/ui/input";
import { toast } from "~/components/ui/sonner";
import { Textarea } from "~/components/ui/textarea";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";
import { TaskScheduleFields } from "./task-field-controls";
import { TaskPickerFields } from "./task-picker-fields";
import { useTaskOptions } from "./use-tasks";

/**
 * "New task" (shortcut c); `?new=task` (the palette's "New task" action) opens it. A member who may not create
 * tasks sees it disabled with the reason.
 */
export function CreateTaskDialog(props: { projectId: string }) {
  const allowed = useCan("task.create");
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [open, setOpen] = useState(false);
  const shortcut = useShortcut("c");
  // Open once each time `?new=task` appears (state adjusted during render), then drop it so a reload does not reopen.
  const requested = allowed.allowed && searchParams.get("new") === "task";
  const [seenRequest, setSeenRequest] = useState(false);
  if (requested !== seenRequest) {
    setSeenRequest(requested);
    if (requested) setOpen(true);
  }
  useEffect(() => {
    if (!requested) return;
    const rest = new URLSearchParams(searchParams.toString());
    rest.delete("new");
    const query = rest.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  }, [requested, pathname, router, searchParams]);
  if (!allowed.allowed) {
    return (
      <UnavailableAction reason={allowed.reason}>
        <Plus aria-hidden="true" />
        New task
      </UnavailableAction>
    );
  }
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button {...shortcut}>
          <Plus aria-hidden="true" />
          New task
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New task</DialogTitle>
          <DialogDescription>Assignees, tags and dates can be set now or later.</DialogDescription>
        </DialogHeader>
        {open ? <CreateTaskForm projectId={props.projectId} onDone={() => setOpen(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function CreateTaskForm(props: { projectId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(ZCreateTaskInput, {
    defaultValues: {
      projectId: props.projectId,
      title: "",
      description: "",
      status: "TODO",
      priority: "MEDIUM",
      dueDate: null,
      parentId: null,
      assigneeIds: [],
      tagIds: [],
    },
  });
  const { members, tags } = useTaskOptions();
  const create = useMutation(
    trpc.task.create.mutationOptions({
      onSuccess: async (task) => {
        toast.success(`Task ${task.reference} created`);
        await queryClient.invalidateQueries(trpc.task.pathFilter());
        props.onDone();
      },
      onError: (error) => applyServerErrors(form, error),
    }),
  );
  return (
    <Form {...form}>
      <form
        onSubmit={form.handleSubmit((values) => create.mutate(values))}
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
                <Input autoComplete="off" {...field} />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        <TaskScheduleFields />
        <TaskPickerFields
          idPrefix="new-task"
          projectId={props.projectId}
          members={members}
          tags={tags}
          parentOptional
          columns
        />
        <FormField
          control={form.control}
          name="description"
          render={({ field }) => (
            <FormItem>
              <FormLabel>
                Description <span className="font-normal text-muted-foreground">(optional)</span>
              </FormLabel>
              <FormControl>
                <Textarea rows={4} {...field} value={field.value ?? ""} />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        <FormRootError />
        <Button type="submit" pending={create.isPending}>
          Create task
        </Button>
      </form>
    </Form>
  );
}
