"use client";

// Tags: list with their colors; with tag.manage create, rename/recolor and delete (after confirming).
import { useState } from "react";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Tags } from "lucide-react";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { TagFields } from "~/components/tasks/tag-fields";
import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";

export function TagsManager() {
  const manage = useCan("tag.manage");
  const canManage = manage.allowed;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: tags } = useSuspenseQuery(trpc.tag.list.queryOptions());
  const [editing, setEditing] = useState<string | null>(null);
  // Remounts the create form (clearing it) after each created tag.
  const [createKey, setCreateKey] = useState(0);

  // Tasks embed their tags' names and colors, so their queries refresh too.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.tag.pathFilter()),
      queryClient.invalidateQueries(trpc.task.pathFilter()),
    ]);
  const create = useMutation(
    trpc.tag.create.mutationOptions({
      onSuccess: async (tag) => {
        toast.success(`Tag “${tag.name}” created`);
        setCreateKey((k) => k + 1);
        await refresh();
      },
    }),
  );
  const update = useMutation(
    trpc.tag.update.mutationOptions({
      onSuccess: async (tag) => {
        toast.success(`Tag “${tag.name}” saved`);
        setEditing(null);
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.tag.delete.mutationOptions({
      onSuccess: async () => {
        toast.success("Tag deleted");
        await refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <div className="max-w-3xl space-y-6">
      <UnavailableNote reason={manage.reason} />
      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>New tag</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <TagFields
              key={createKey}
              idPrefix="new-tag"
              submitLabel="Create tag"
              pending={create.isPending}
              serverError={create.error ? errorMessage(create.error) : null}
              onSubmit={(values) => create.mutate(values)}
            />
          </CardContent>
        </Card>
      ) : null}
      {tags.length === 0 ? (
        <EmptyState
          icon={Tags}
          title="No tags yet"
          description={
            canManage
              ? "Create a tag above, then put it on tasks."
              : "Ask an owner or admin to create tags."
          }
        />
      ) : (
        <ul aria-label="Tags" className="divide-y rounded-lg border">
          {tags.map((tag) => (
            <li key={tag.id} className="flex flex-wrap items-center gap-3 px-4 py-3 text-sm">
              {editing === tag.id ? (
                <TagFields
                  idPrefix={`tag-${tag.id}`}
                  initial={{ name: tag.name, color: tag.color }}
                  submitLabel="Save tag"
                  pending={update.isPending}
                  serverError={update.error ? errorMessage(update.error) : null}
                  onSubmit={(values) => update.mutate({ id: tag.id, ...values })}
                  onCancel={() => setEditing(null)}
                  className="w-full"
                />
              ) : (
                <>
                  <span
                    aria-hidden="true"
                    className="size-3 shrink-0 rounded-full"
                    style={{ backgroundColor: tag.color }}
                  />
                  <span className="font-medium">{tag.name}</span>
                  <span className="font-mono text-xs text-muted-foreground">{tag.color}</span>
                  {canManage ? (
                    <span className="ml-auto flex gap-1">
                      <Button
                        variant="ghost"
                        size="sm"
                        aria-label={`Edit ${tag.name}`}
                        onClick={() => {
                          update.reset();
                          setEditing(tag.id);
                        }}
                      >
                        Edit
                      </Button>
                      <ConfirmDialog
                        title={`Delete the tag “${tag.name}”?`}
                        description="It is removed from every task that has it. This cannot be undone."
                        confirmLabel="Delete tag"
                        onConfirm={() => remove.mutateAsync({ id: tag.id })}
                        trigger={
                          <Button
                            variant="ghost"
                            size="sm"
                            className="text-destructive-text"
                            aria-label={`Delete ${tag.name}`}
                          >
                            Delete
                          </Button>
                        }
                      />
                    </span>
                  ) : null}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
