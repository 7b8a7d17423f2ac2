"use client";

// A task's comments: list, add, edit your own, delete (your own, or anyone's with comment.moderate) after asking.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MessageSquare } from "lucide-react";

import { ZCreateCommentInput } from "@tenantry/validators";

import type { Mention } from "./mention-textarea";
import { UnavailableNote } from "~/components/access/unavailable-action";
import {
  applyServerErrors,
  errorMessage,
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
import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Button } from "~/components/ui/button";
import { Label } from "~/components/ui/label";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { useDates } from "~/lib/dates-context";
import { useTRPC } from "~/trpc/react";
import { COMMENTS_LIMIT } from "./constants";
import { PlainText } from "./format";
import { mentionsIn, MentionTextarea } from "./mention-textarea";
import { useTaskOptions } from "./use-tasks";

export function TaskComments(props: { taskId: string }) {
  const { formatDateTime } = useDates();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.account.me.queryOptions());
  const { data, isPending } = useQuery(
    trpc.task.comment.list.queryOptions({ taskId: props.taskId, limit: COMMENTS_LIMIT }),
  );
  const commenting = useCan("comment.create");
  const canComment = commenting.allowed;
  // Authors may change their own comments without comment.create, but not in a read-only organization.
  const ownWritable = commenting.reason?.kind !== "read-only";
  const canModerate = useCan("comment.moderate").allowed;
  const [editing, setEditing] = useState<string | null>(null);

  const update = useMutation(
    trpc.task.comment.update.mutationOptions({
      onSuccess: async () => {
        toast.success("Comment saved");
        setEditing(null);
        await queryClient.invalidateQueries(trpc.task.pathFilter());
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const remove = useMutation(
    trpc.task.comment.delete.mutationOptions({
      onSuccess: async () => {
        toast.success("Comment deleted");
        await queryClient.invalidateQueries(trpc.task.pathFilter());
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  const comments = data?.items ?? [];
  return (
    <section aria-labelledby="comments-heading" className="space-y-4">
      <h2 id="comments-heading" className="text-lg font-semibold">
        Comments
      </h2>
      {isPending ? (
        <p className="text-sm text-muted-foreground">Loading comments…</p>
      ) : comments.length === 0 ? (
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <MessageSquare className="size-4" aria-hidden="true" />
          No comments yet.
        </p>
      ) : (
        <ol className="space-y-3" aria-label="Comments">
          {comments.map((comment) => {
            const own = !!comment.author && comment.author.id === me.data?.id;
            const who = comment.author?.name ?? "Former member";
            return (
              <li key={comment.id} className="rounded-lg border p-3">
                <div className="mb-1 flex flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
                  <span className="font-medium text-foreground">{who}</span>
                  <time dateTime={comment.createdAt.toISOString()}>
                    {formatDateTime(comment.createdAt)}
                  </time>
                  {comment.editedAt ? <span>(edited)</span> : null}
                  <span className="ml-auto flex gap-1">
                    {own && ownWritable && editing !== comment.id ? (
                      <Button variant="ghost" size="sm" onClick={() => setEditing(comment.id)}>
                        Edit
                      </Button>
                    ) : null}
                    {(own && ownWritable) || canModerate ? (
                      <ConfirmDialog
                        title="Delete this comment?"
                        description="The comment is removed for everyone. This cannot be undone."
                        confirmLabel="Delete comment"
                        onConfirm={() => remove.mutateAsync({ id: comment.id })}
                        trigger={
                          <Button variant="ghost" size="sm" className="text-destructive-text">
                            Delete
                          </Button>
                        }
                      />
                    ) : null}
                  </span>
                </div>
                {editing === comment.id ? (
                  <EditComment
                    comment={comment}
                    pending={update.isPending}
                    onSave={(body, mentionIds) =>
                      update.mutate({ id: comment.id, body, mentionIds })
                    }
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <PlainText text={comment.body} className="text-sm" />
                )}
                {comment.mentions.length > 0 ? (
                  <p className="mt-1 text-xs text-muted-foreground">
                    Mentioned: {comment.mentions.map((m) => m.name || m.email).join(", ")}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {canComment ? (
        <NewComment taskId={props.taskId} />
      ) : (
        <UnavailableNote reason={commenting.reason} className="mt-4" />
      )}
    </section>
  );
}

const withMention = (current: Mention[], m: Mention) =>
  current.some((c) => c.id === m.id) ? current : [...current, m];

/** Editing one's comment: the same @-mention picker; the mentions still named in the text replace the old ones. */
function EditComment(props: {
  comment: {
    id: string;
    body: string;
    mentions: { membershipId: string; name: string; email: string }[];
  };
  pending: boolean;
  onSave: (body: string, mentionIds: string[]) => void;
  onCancel: () => void;
}) {
  const { members } = useTaskOptions();
  const [draft, setDraft] = useState(props.comment.body);
  const [mentions, setMentions] = useState<Mention[]>(() =>
    props.comment.mentions.map((m) => ({ id: m.membershipId, name: m.name || m.email })),
  );
  const fieldId = `edit-${props.comment.id}`;
  return (
    <form
      className="grid gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSave(
          draft,
          mentionsIn(draft, mentions).map((m) => m.id),
        );
      }}
    >
      <Label htmlFor={fieldId} className="sr-only">
        Edit comment
      </Label>
      <MentionTextarea
        id={fieldId}
        rows={3}
        value={draft}
        onValueChange={setDraft}
        members={members}
        onMention={(m) => setMentions((current) => withMention(current, m))}
      />
      <div className="flex gap-2">
        <Button type="submit" size="sm" pending={props.pending}>
          Save comment
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function NewComment(props: { taskId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { members } = useTaskOptions();
  // Members picked in the mention list; those still named in the body at submit time are sent as mentionIds.
  const [mentions, setMentions] = useState<Mention[]>([]);
  const form = useZodForm(ZCreateCommentInput, {
    defaultValues: { taskId: props.taskId, body: "", mentionIds: [] },
  });
  const create = useMutation(
    trpc.task.comment.create.mutationOptions({
      onSuccess: async () => {
        toast.success("Comment added");
        form.reset({ taskId: props.taskId, body: "", mentionIds: [] });
        setMentions([]);
        await queryClient.invalidateQueries(trpc.task.pathFilter());
      },
      onError: (error) => applyServerErrors(form, error),
    }),
  );
  return (
    <Form {...form}>
      <form
        onSubmit={form.handleSubmit((values) =>
          create.mutate({
            ...values,
            mentionIds: mentionsIn(values.body, mentions).map((m) => m.id),
          }),
        )}
        className="grid gap-2"
        noValidate
      >
        <FormField
          control={form.control}
          name="body"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Add a comment</FormLabel>
              <FormControl>
                <MentionTextarea
                  rows={3}
                  name={field.name}
                  ref={field.ref}
                  onBlur={field.onBlur}
                  value={field.value}
                  onValueChange={field.onChange}
                  members={members}
                  onMention={(m) => setMentions((current) => withMention(current, m))}
                />
              </FormControl>
              {members.length > 0 ? (
                <FormDescription>Type @ to mention a member.</FormDescription>
              ) : null}
              <FormMessage />
            </FormItem>
          )}
        />
        <FormRootError />
        <div>
          <Button type="submit" pending={create.isPending}>
            Comment
          </Button>
        </div>
      </form>
    </Form>
  );
}
