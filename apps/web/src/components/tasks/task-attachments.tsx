"use client";

// A task's attachments: upload through the REST endpoint (multipart), list with authorized download links, delete.
import { useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, Paperclip } from "lucide-react";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { useShell } from "~/components/shell/shell-context";
import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";
import { formatBytes } from "./format";

async function uploadAttachment(slug: string, taskId: string, file: File): Promise<void> {
  const body = new FormData();
  body.set("file", file);
  const res = await fetch(`/api/v1/tasks/${taskId}/attachments?org=${encodeURIComponent(slug)}`, {
    method: "POST",
    body,
  });
  if (!res.ok) {
    const error = (await res.json().catch(() => null)) as { message?: unknown } | null;
    throw new Error(
      typeof error?.message === "string" ? error.message : `Upload failed (${res.status})`,
    );
  }
}

export function TaskAttachments(props: { taskId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { organization } = useShell();
  const uploading = useCan("comment.create");
  const canUpload = uploading.allowed;
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const { data, isPending } = useQuery(
    trpc.task.attachment.list.queryOptions({ id: props.taskId }),
  );

  const upload = useMutation({
    mutationFn: (f: File) => uploadAttachment(organization.slug, props.taskId, f),
    onSuccess: async () => {
      toast.success("File attached");
      setFile(null);
      if (inputRef.current) inputRef.current.value = "";
      await queryClient.invalidateQueries(trpc.task.pathFilter());
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const remove = useMutation(
    trpc.task.attachment.delete.mutationOptions({
      onSuccess: async () => {
        toast.success("Attachment deleted");
        await queryClient.invalidateQueries(trpc.task.pathFilter());
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  const items = data ?? [];
  return (
    <section aria-labelledby="attachments-heading" className="space-y-3">
      <h2 id="attachments-heading" className="text-lg font-semibold">
        Attachments
      </h2>
      {isPending ? (
        <p className="text-sm text-muted-foreground">Loading attachments…</p>
      ) : items.length === 0 ? (
        <p className="text-sm text-muted-foreground">No attachments.</p>
      ) : (
        <ul className="divide-y rounded-lg border" aria-label="Attachments">
          {items.map((a) => (
            <li key={a.id} className="flex items-center gap-3 px-3 py-2 text-sm">
              <Paperclip className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
              <a href={a.downloadUrl} className="truncate font-medium hover:underline" download>
                {a.fileName}
              </a>
              <span className="shrink-0 text-xs text-muted-foreground">{formatBytes(a.size)}</span>
              <span className="ml-auto flex shrink-0 gap-1">
                <Button variant="ghost" size="icon-sm" asChild>
                  <a href={a.downloadUrl} download aria-label={`Download ${a.fileName}`}>
                    <Download aria-hidden="true" />
                  </a>
                </Button>
                {canUpload ? (
                  <ConfirmDialog
                    title={`Delete “${a.fileName}”?`}
                    description="The file is removed from the task. This cannot be undone."
                    confirmLabel="Delete attachment"
                    onConfirm={() => remove.mutateAsync({ id: a.id })}
                    trigger={
                      <Button variant="ghost" size="sm" className="text-destructive-text">
                        Delete
                      </Button>
                    }
                  />
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canUpload ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (file) upload.mutate(file);
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor="attachment-file">Attach a file</Label>
            <Input
              id="attachment-file"
              ref={inputRef}
              type="file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              className="w-72"
            />
          </div>
          <Button type="submit" variant="outline" disabled={!file} pending={upload.isPending}>
            Upload
          </Button>
        </form>
      ) : (
        <UnavailableNote reason={uploading.reason} />
      )}
    </section>
  );
}
