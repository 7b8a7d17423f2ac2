"use client";

// A task's attachments: upload through the REST endpoint (multipart) from a drop zone or the file chooser, list
// with authorized download links (images as thumbnails), delete.
import { useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, Paperclip, Upload } from "lucide-react";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { useShell } from "~/components/shell/shell-context";
import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Button } from "~/components/ui/button";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { cn } from "~/lib/utils";
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

// Raster formats browsers render in <img>; SVG is left out (it is a document, and served as a download anyway).
const THUMBNAIL_TYPES = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
]);

/** Where files are dropped or chosen; each file uploads as soon as it is given. */
function DropZone(props: { pending: boolean; onFiles: (files: File[]) => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      data-testid="attachment-drop-zone"
      data-dragging={over ? "true" : undefined}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const files = [...e.dataTransfer.files];
        if (files.length > 0) props.onFiles(files);
      }}
      className={cn(
        "flex flex-col items-center gap-2 rounded-lg border-2 border-dashed px-4 py-6 text-center text-sm transition-colors",
        over ? "border-primary bg-primary/5" : "border-input",
      )}
    >
      <Upload className="size-5 text-muted-foreground" aria-hidden="true" />
      <p className="text-muted-foreground">
        {props.pending ? "Uploading…" : "Drop files here to attach them, or"}
      </p>
      <input
        ref={inputRef}
        type="file"
        multiple
        aria-label="Attach a file"
        tabIndex={-1}
        className="sr-only"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = "";
          if (files.length > 0) props.onFiles(files);
        }}
      />
      <Button
        type="button"
        variant="outline"
        size="sm"
        pending={props.pending}
        onClick={() => inputRef.current?.click()}
      >
        Choose files
      </Button>
    </div>
  );
}

export function TaskAttachments(props: { taskId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { organization } = useShell();
  const uploading = useCan("comment.create");
  const canUpload = uploading.allowed;
  const { data, isPending } = useQuery(
    trpc.task.attachment.list.queryOptions({ id: props.taskId }),
  );

  const upload = useMutation({
    // One after another: each is its own request (and its own size check), and the list refreshes once.
    mutationFn: async (files: File[]) => {
      for (const f of files) await uploadAttachment(organization.slug, props.taskId, f);
      return files.length;
    },
    onSuccess: (count) => {
      toast.success(count === 1 ? "File attached" : `${count} files attached`);
    },
    onError: (error) => toast.error(errorMessage(error)),
    onSettled: () => queryClient.invalidateQueries(trpc.task.pathFilter()),
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
              {THUMBNAIL_TYPES.has(a.contentType) ? (
                // A plain <img>: the bytes come from the authorized attachment route, not next/image's optimizer.
                // eslint-disable-next-line @next/next/no-img-element
                <img
                  src={a.downloadUrl}
                  alt=""
                  data-testid="attachment-thumbnail"
                  loading="lazy"
                  className="size-12 shrink-0 rounded border object-cover"
                />
              ) : (
                <Paperclip className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
              )}
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
        <DropZone pending={upload.isPending} onFiles={(files) => upload.mutate(files)} />
      ) : (
        <UnavailableNote reason={uploading.reason} />
      )}
    </section>
  );
}
