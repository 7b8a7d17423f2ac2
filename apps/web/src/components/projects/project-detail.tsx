"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useSuspenseQuery } from "@tanstack/react-query";
import { Pencil, Trash2 } from "lucide-react";

import { BreadcrumbLabel, useShell } from "~/components/shell/shell-context";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { PageHeader } from "~/components/ui/page-header";
import { useCan } from "~/lib/access/use-can";
import { useDates } from "~/lib/dates-context";
import { useTRPC } from "~/trpc/react";
import { DeleteProjectDialog, EditProjectDialog } from "./project-dialogs";

/** A project's page. Tasks (issue 6) render below the details card. */
export function ProjectDetail(props: { id: string; children?: React.ReactNode }) {
  const { formatDate } = useDates();
  const trpc = useTRPC();
  const router = useRouter();
  const { organization } = useShell();
  const canEdit = useCan("project.update").allowed;
  const canDelete = useCan("project.delete").allowed;
  const { data: project } = useSuspenseQuery(trpc.project.get.queryOptions({ id: props.id }));
  const [dialog, setDialog] = useState<"edit" | "delete" | null>(null);

  return (
    <>
      <BreadcrumbLabel segment={project.id} label={project.name} />
      <PageHeader
        title={project.name}
        description={project.description || "No description"}
        actions={
          <>
            {canEdit ? (
              <Button variant="outline" onClick={() => setDialog("edit")}>
                <Pencil aria-hidden="true" />
                Edit
              </Button>
            ) : null}
            {canDelete ? (
              <Button variant="destructive" onClick={() => setDialog("delete")}>
                <Trash2 aria-hidden="true" />
                Delete
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Details</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-4 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-muted-foreground">Created</dt>
              <dd className="font-medium">{formatDate(project.createdAt)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Last updated</dt>
              <dd className="font-medium">{formatDate(project.updatedAt)}</dd>
            </div>
          </dl>
        </CardContent>
      </Card>
      {props.children}
      <EditProjectDialog
        project={project}
        open={dialog === "edit"}
        onOpenChange={(open) => setDialog(open ? "edit" : null)}
      />
      <DeleteProjectDialog
        project={project}
        open={dialog === "delete"}
        onOpenChange={(open) => setDialog(open ? "delete" : null)}
        onDeleted={() => router.push(`/o/${organization.slug}/projects`)}
      />
    </>
  );
}
