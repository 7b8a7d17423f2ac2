"use client";

// Creating an organization (the creator becomes its owner): a form validated with organization.create's own input
// schema, used in a dialog from the organization switcher and inline on the home page's "no organization" state.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";

import { ZCreateOrganizationInput } from "@tenantry/validators";

import {
  applyServerErrors,
  Form,
  FormControl,
  FormDescription,
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
import { useTRPC } from "~/trpc/react";

/** "Acme Inc." → "acme-inc" (a suggestion; the user may edit it and the server checks it is free). */
function slugSuggestion(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
}

export function CreateOrganizationForm(props: { onPendingChange?: (pending: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const form = useZodForm(ZCreateOrganizationInput, { defaultValues: { name: "", slug: "" } });
  // The slug follows the name until the user edits it.
  const [slugEdited, setSlugEdited] = useState(false);

  const create = useMutation(
    trpc.organization.create.mutationOptions({
      onMutate: () => props.onPendingChange?.(true),
      onSuccess: async (organization) => {
        await queryClient.invalidateQueries(trpc.organization.mine.pathFilter());
        toast.success(`Organization “${organization.name}” created`);
        router.push(`/o/${organization.slug}/projects`);
      },
      onError: (error) => {
        props.onPendingChange?.(false);
        // A taken slug is a CONFLICT without field errors: show it at the slug field.
        const shape = error as { data?: { code?: string } | null };
        if (shape.data?.code === "CONFLICT") {
          form.setError("slug", { type: "server", message: error.message }, { shouldFocus: true });
        } else applyServerErrors(form, error);
      },
    }),
  );
  // Stays pending while the new organization's page loads.
  const pending = create.isPending || create.isSuccess;

  return (
    <Form {...form}>
      <form
        className="grid gap-4"
        noValidate
        onSubmit={form.handleSubmit((values) => create.mutate(values))}
      >
        <FormField
          control={form.control}
          name="name"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Organization name</FormLabel>
              <FormControl>
                <Input
                  autoComplete="organization"
                  placeholder="e.g. Acme Inc"
                  {...field}
                  onChange={(event) => {
                    field.onChange(event);
                    if (!slugEdited) {
                      form.setValue("slug", slugSuggestion(event.target.value), {
                        shouldValidate: form.formState.touchedFields.slug === true,
                      });
                    }
                  }}
                />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        <FormField
          control={form.control}
          name="slug"
          render={({ field }) => (
            <FormItem>
              <FormLabel>URL slug</FormLabel>
              <FormControl>
                <Input
                  autoComplete="off"
                  spellCheck={false}
                  {...field}
                  onChange={(event) => {
                    setSlugEdited(true);
                    field.onChange(event);
                  }}
                />
              </FormControl>
              <FormDescription>
                Its pages live at /o/{field.value || "your-slug"}. Lower-case letters, digits and
                hyphens.
              </FormDescription>
              <FormMessage />
            </FormItem>
          )}
        />
        <FormRootError />
        <Button type="submit" pending={pending}>
          Create organization
        </Button>
      </form>
    </Form>
  );
}

/** Controlled dialog around CreateOrganizationForm (opened from the organization switcher). */
export function CreateOrganizationDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const [pending, setPending] = useState(false);
  return (
    <Dialog
      open={props.open}
      onOpenChange={(next) => {
        if (pending) return;
        props.onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Create organization</DialogTitle>
          <DialogDescription>
            You become its owner and can invite others. Your current organization is not changed.
          </DialogDescription>
        </DialogHeader>
        {/* Mounted only while open: every opening starts with an empty form. */}
        {props.open ? <CreateOrganizationForm onPendingChange={setPending} /> : null}
      </DialogContent>
    </Dialog>
  );
}
