"use client";

// The knowledge base: upload (multipart to /api/v1/knowledge/documents), each document's processing status
// (pending, ready with its passage count, failed with the reason), and deletion. Polls while anything is pending.
import { useRef, useState } from "react";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { BookOpen, FileText } from "lucide-react";

import type { TKnowledgeDocumentOutput } from "@tenantry/validators";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { ConfirmRowAction, ItemList } from "~/components/lists/item-list";
import { useShell } from "~/components/shell/shell-context";
import { formatBytes } from "~/components/tasks/format";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";

async function uploadDocument(slug: string, file: File): Promise<TKnowledgeDocumentOutput> {
  const body = new FormData();
  body.set("file", file);
  const res = await fetch(`/api/v1/knowledge/documents?org=${encodeURIComponent(slug)}`, {
    method: "POST",
    body,
  });
  const json = (await res.json().catch(() => null)) as { message?: unknown } | null;
  if (!res.ok) {
    const detail = (json as { detail?: unknown } | null)?.detail;
    const message = typeof detail === "string" ? detail : json?.message;
    throw new Error(typeof message === "string" ? message : `Upload failed (${res.status})`);
  }
  return json as unknown as TKnowledgeDocumentOutput;
}

function StatusBadge({ doc }: { doc: TKnowledgeDocumentOutput }) {
  if (doc.status === "READY") {
    return (
      <Badge variant="default" data-testid="document-status">
        Ready · {doc.chunkCount} {doc.chunkCount === 1 ? "passage" : "passages"}
      </Badge>
    );
  }
  if (doc.status === "FAILED") {
    return (
      <Badge variant="destructive" data-testid="document-status">
        Failed
      </Badge>
    );
  }
  return (
    <Badge variant="secondary" data-testid="document-status">
      Processing…
    </Badge>
  );
}

export function KnowledgeManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { organization } = useShell();
  const manage = useCan("agent.manage");
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const { data: documents } = useSuspenseQuery({
    ...trpc.knowledge.list.queryOptions(),
    // Processing is a background job: refresh until no document is pending.
    refetchInterval: (query) =>
      (query.state.data ?? []).some((d) => d.status === "PENDING") ? 1000 : false,
  });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.knowledge.pathFilter()),
      queryClient.invalidateQueries(trpc.agent.pathFilter()),
    ]);

  const upload = useMutation({
    mutationFn: (f: File) => uploadDocument(organization.slug, f),
    onSuccess: async (doc) => {
      toast.success(`“${doc.name}” uploaded; processing`);
      setFile(null);
      if (inputRef.current) inputRef.current.value = "";
      await refresh();
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  const remove = useMutation(
    trpc.knowledge.delete.mutationOptions({
      onSuccess: async () => {
        toast.success("Document deleted");
        await refresh();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <div className="max-w-4xl space-y-6">
      <UnavailableNote reason={manage.reason} />
      {manage.allowed ? (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Upload a document</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                if (file) upload.mutate(file);
              }}
            >
              <div className="grid gap-1.5">
                <Label htmlFor="knowledge-file">Text, Markdown or PDF</Label>
                <Input
                  id="knowledge-file"
                  ref={inputRef}
                  type="file"
                  accept=".txt,.md,.markdown,.pdf,text/plain,text/markdown,application/pdf"
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                />
              </div>
              <Button type="submit" disabled={!file || upload.isPending}>
                {upload.isPending ? "Uploading…" : "Upload"}
              </Button>
            </form>
          </CardContent>
        </Card>
      ) : null}
      <ItemList
        label="Knowledge documents"
        items={documents}
        keyOf={(doc) => doc.id}
        rowTestId="knowledge-document"
        empty={{
          icon: BookOpen,
          title: "No documents yet",
          description: manage.allowed
            ? "Upload handbooks, policies or specifications; agents answer from them."
            : "Ask an owner or admin to add documents.",
        }}
      >
        {(doc) => (
          <>
            <FileText className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
            <span className="font-medium">{doc.name}</span>
            <span className="text-xs text-muted-foreground">
              {doc.mediaType} · {formatBytes(doc.size)}
            </span>
            <StatusBadge doc={doc} />
            {doc.status === "FAILED" && doc.failureReason ? (
              <span className="w-full text-xs text-destructive-text" role="note">
                {doc.failureReason}
              </span>
            ) : null}
            {manage.allowed ? (
              <span className="ml-auto">
                <ConfirmRowAction
                  label="Delete"
                  ariaLabel={`Delete ${doc.name}`}
                  title={`Delete “${doc.name}”?`}
                  description="Its passages leave the knowledge base and every agent it is attached to."
                  confirmLabel="Delete document"
                  onConfirm={() => remove.mutateAsync({ id: doc.id })}
                />
              </span>
            ) : null}
          </>
        )}
      </ItemList>
    </div>
  );
}
