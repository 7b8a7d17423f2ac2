"use client";

// Create / edit / delete a project: forms validate with the API's own schemas, outcomes show as toasts, and only
// the project router's queries are invalidated.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { ZCreateProjectInput } from "@tenantry/validators";

import type { ProjectOutput } from "~/trpc/outputs";
import { UnavailableAction } from "~/components/access/unavailable-action";
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
import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Button } from "~/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "~/components/ui/dialog";
import { Input } from "~/components/ui/input";
import { toast } from "~/components/ui/sonner";
import { Textarea } from "~/components/ui/textarea";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";

// The fields these dialogs edit, validated by the API's own create schema (the server re-validates on submit).
const ZProjectForm = ZCreateProjectInput.pick({ name: true, description: true });

function useProjectForm(values: { name: string; description: string }) {
  return useZodForm(ZProjectForm, { defaultValues: values });
}

function ProjectFields(props: { form: ReturnType<typeof useProjectForm> }) {
  return (
    <>
      <FormField
        control={props.form.control}
        name="name"
        render={({ field }) => (
          <FormItem>
            <FormLabel>Name</FormLabel>
            <FormControl>
              <Input autoComplete="off" placeholder="e.g. Website relaunch" {...field} />
            </FormControl>
            <FormMessage />
          </FormItem>
        )}
      />
      <FormField
        control={props.form.control}
        name="description"
        render={({ field }) => (
          <FormItem>
            <FormLabel>
              Description <span className="font-normal text-muted-foreground">(optional)</span>
            </FormLabel>
            <FormControl>
              <Textarea rows={3} {...field} value={field.value ?? ""} />
            </FormControl>
            <FormMessage />
          </FormItem>
        )}
      />
      <FormRootError />
    </>
  );
}

interface CreateProjectProps {
  /** The button's label (default "New project"). */
  label?: string;
  openFromUrl?: boolean;
}

/**
 * "New project" button and dialog; with `openFromUrl`, `?new=1` (from the command palette) opens it. A member who
 * may not create one (role, read-only organization, plan limit) sees the button disabled with the reason.
 */
export function CreateProjectDialog(props: CreateProjectProps) {
  const allowed = useCan("project.create", { limit: "projects" });
  if (!allowed.allowed) {
    return (
      <UnavailableAction reason={allowed.reason}>{props.label ?? "New project"}</UnavailableAction>
    );
  }
  return <CreateProjectForm {...props} />;
}

function CreateProjectForm(props: CreateProjectProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [open, setOpen] = useState(false);
  const form = useProjectForm({ name: "", description: "" });

  // Open once each time `?new=1` appears (state adjusted during render, as React recommends over an effect),
  // then drop the parameter so a reload does not reopen it.
  const requested = !!props.openFromUrl && searchParams.get("new") === "1";
  const [seenRequest, setSeenRequest] = useState(false);
  if (requested !== seenRequest) {
    setSeenRequest(requested);
    if (requested) setOpen(true);
  }
  useEffect(() => {
    if (requested) router.replace(pathname, { scroll: false });
  }, [requested, pathname, router]);

  const create = useMutation(
    trpc.project.create.mutationOptions({
      onSuccess: async (project) => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.project.pathFilter()),
          queryClient.invalidateQueries(trpc.plan.usage.queryFilter()),
        ]);
        toast.success(`Project “${project.name}” created`);
        setOpen(false);
        form.reset();
      },
      onError: (error) => {
        applyServerErrors(form, error);
        toast.error("The project was not created", { description: errorMessage(error) });
      },
    }),
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (create.isPending) return;
        setOpen(next);
        if (!next) form.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button>{props.label ?? "New project"}</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New project</DialogTitle>
          <DialogDescription>Projects group your organization&apos;s work.</DialogDescription>
        </DialogHeader>
        <Form {...form}>
          <form
            className="grid gap-4"
            noValidate
            onSubmit={form.handleSubmit((values) => create.mutate(values))}
          >
            <ProjectFields form={form} />
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button" variant="outline" disabled={create.isPending}>
                  Cancel
                </Button>
              </DialogClose>
              <Button type="submit" pending={create.isPending}>
                Create project
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}

/** Edit name and description (controlled: opened from a menu or a button). */
export function EditProjectDialog(props: {
  project: Pick<ProjectOutput, "id" | "name" | "description">;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useProjectForm({ name: props.project.name, description: props.project.description });
  const { reset } = form;
  const { open, project } = props;
  // Each opening starts from the project as it is now (it may have been renamed since the last one).
  useEffect(() => {
    if (open) reset({ name: project.name, description: project.description });
  }, [open, project.name, project.description, reset]);
  const update = useMutation(
    trpc.project.update.mutationOptions({
      onSuccess: async (project) => {
        await queryClient.invalidateQueries(trpc.project.pathFilter());
        toast.success(`Project “${project.name}” saved`);
        props.onOpenChange(false);
      },
      onError: (error) => {
        applyServerErrors(form, error);
        toast.error("The project was not saved", { description: errorMessage(error) });
      },
    }),
  );
  return (
    <Dialog
      open={props.open}
      onOpenChange={(next) => {
        if (!update.isPending) props.onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Edit project</DialogTitle>
          <DialogDescription>
            Rename “{props.project.name}” or change its description.
          </DialogDescription>
        </DialogHeader>
        <Form {...form}>
          <form
            className="grid gap-4"
            noValidate
            onSubmit={form.handleSubmit((values) =>
              update.mutate({ id: props.project.id, ...values }),
            )}
          >
            <ProjectFields form={form} />
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button" variant="outline" disabled={update.isPending}>
                  Cancel
                </Button>
              </DialogClose>
              <Button type="submit" pending={update.isPending}>
                Save changes
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}

/** Confirms, deletes, toasts; `onDeleted` runs after the list is refreshed (e.g. leave the detail page). */
export function DeleteProjectDialog(props: {
  project: Pick<ProjectOutput, "id" | "name">;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDeleted?: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.project.delete.mutationOptions());
  return (
    <ConfirmDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={`Delete “${props.project.name}”?`}
      description="The project and everything in it will be deleted. This cannot be undone."
      confirmLabel="Delete project"
      onConfirm={async () => {
        try {
          await remove.mutateAsync({ id: props.project.id });
        } catch (error) {
          toast.error("The project was not deleted", { description: errorMessage(error) });
          throw error;
        }
        props.onDeleted?.();
        // Only the lists: refetching project.get of the deleted project (still on screen while a detail page is
        // being left) would fail with NOT_FOUND.
        void queryClient.invalidateQueries(trpc.project.list.pathFilter());
        void queryClient.invalidateQueries(trpc.plan.usage.queryFilter());
        toast.success(`Project “${props.project.name}” deleted`);
      }}
    />
  );
}
