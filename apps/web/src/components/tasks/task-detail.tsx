"use client";

// A task's page: its fields, description, subtasks, comments, attachments and activity timeline.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Pencil, Trash2 } from "lucide-react";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { errorMessage } from "~/components/forms/form";
import { BreadcrumbLabel, useShell } from "~/components/shell/shell-context";
import { useShortcut } from "~/components/shell/use-shortcut";
import { ConfirmDialog } from "~/components/ui/alert-dialog";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card, CardContent } from "~/components/ui/card";
import { PageHeader } from "~/components/ui/page-header";
import { Separator } from "~/components/ui/separator";
import { toast } from "~/components/ui/sonner";
import { useCan } from "~/lib/access/use-can";
import { useTRPC } from "~/trpc/react";
import { PRIORITY_LABELS, STATUS_LABELS } from "./constants";
import { DueDate } from "./due-date";
import { EditTaskDialog } from "./edit-task-dialog";
import { MarkdownText } from "./format";
import {
  AssigneesPill,
  DueDatePill,
  ParentPill,
  PriorityPill,
  StatusPill,
  TagsPill,
} from "./inline-fields";
import { TaskActivity } from "./task-activity";
import { TaskAttachments } from "./task-attachments";
import { TaskComments } from "./task-comments";
import { undoAction, useTaskRestore } from "./use-task-restore";

export function TaskDetail(props: { taskId: string; projectId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { organization } = useShell();
  const update = useCan("task.update");
  const canUpdate = update.allowed;
  const canDelete = useCan("task.delete").allowed;
  const { data: task } = useSuspenseQuery(trpc.task.get.queryOptions({ id: props.taskId }));
  const project = useQuery(trpc.project.get.queryOptions({ id: props.projectId }));
  const [editing, setEditing] = useState(false);
  const editShortcut = useShortcut("e");
  const projectHref = `/o/${organization.slug}/projects/${task.projectId}`;

  const restore = useTaskRestore();
  const remove = useMutation(
    trpc.task.delete.mutationOptions({
      onSuccess: async () => {
        toast.success(
          `Task ${task.reference} deleted`,
          undoAction(() =>
            restore([task.id], () => router.push(`${projectHref}/tasks/${task.id}`)),
          ),
        );
        router.push(projectHref);
        await queryClient.invalidateQueries(trpc.task.pathFilter());
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );

  return (
    <>
      {project.data ? (
        <BreadcrumbLabel segment={project.data.id} label={project.data.name} />
      ) : null}
      <BreadcrumbLabel segment={task.id} label={task.reference} />
      <PageHeader
        title={task.title}
        description={`${task.reference} · ${project.data?.name ?? "Project"}`}
        actions={
          <>
            {canUpdate ? (
              <Button variant="outline" {...editShortcut} onClick={() => setEditing(true)}>
                <Pencil aria-hidden="true" />
                Edit
              </Button>
            ) : null}
            {canDelete ? (
              <ConfirmDialog
                title={`Delete ${task.reference}?`}
                description={
                  task.subtaskCount > 0
                    ? `The task and its ${task.subtaskCount} subtask${task.subtaskCount === 1 ? "" : "s"} are removed, with their comments and attachments. You can undo this for 30 days.`
                    : "The task, its comments and attachments are removed. You can undo this for 30 days."
                }
                confirmLabel="Delete task"
                onConfirm={() => remove.mutateAsync({ id: task.id })}
                trigger={
                  <Button variant="destructive">
                    <Trash2 aria-hidden="true" />
                    Delete
                  </Button>
                }
              />
            ) : null}
          </>
        }
      />
      <UnavailableNote reason={update.reason} className="mb-4" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-8">
          <Card>
            <CardContent className="space-y-4">
              <dl className="grid gap-4 text-sm sm:grid-cols-3">
                <div>
                  <dt className="text-muted-foreground">Status</dt>
                  <dd>
                    {canUpdate ? (
                      <StatusPill task={task} shortcut />
                    ) : (
                      <Badge variant="secondary">{STATUS_LABELS[task.status]}</Badge>
                    )}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Priority</dt>
                  <dd>
                    {canUpdate ? (
                      <PriorityPill task={task} />
                    ) : (
                      <Badge variant={task.priority === "URGENT" ? "destructive" : "outline"}>
                        {PRIORITY_LABELS[task.priority]}
                      </Badge>
                    )}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Due</dt>
                  <dd className="space-y-1 font-medium">
                    {canUpdate ? <DueDatePill task={task} /> : null}
                    {task.dueDate ? (
                      <DueDate dueDate={task.dueDate} status={task.status} className="text-sm" />
                    ) : canUpdate ? null : (
                      "No due date"
                    )}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Assignees</dt>
                  <dd className="font-medium">
                    {canUpdate ? (
                      <AssigneesPill task={task} shortcut />
                    ) : (
                      task.assignees.map((a) => a.name).join(", ") || "Nobody"
                    )}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted-foreground">Tags</dt>
                  <dd className="flex flex-wrap gap-1">
                    {canUpdate ? <TagsPill task={task} /> : null}
                    {task.tags.length === 0 && !canUpdate ? (
                      <span className="font-medium">None</span>
                    ) : null}
                    {task.tags.map((t) => (
                      <Badge key={t.id} variant="outline">
                        <span
                          aria-hidden="true"
                          className="size-2 rounded-full"
                          style={{ backgroundColor: t.color }}
                        />
                        {t.name}
                      </Badge>
                    ))}
                  </dd>
                </div>
                {canUpdate || task.parent ? (
                  <div>
                    <dt className="text-muted-foreground">Parent</dt>
                    <dd className="space-y-1">
                      {canUpdate ? (
                        <ParentPill
                          task={task}
                          parentLabel={
                            task.parent ? `${task.parent.reference} ${task.parent.title}` : null
                          }
                        />
                      ) : null}
                      {task.parent ? (
                        <Link
                          href={`${projectHref}/tasks/${task.parent.id}`}
                          className="block font-medium hover:underline"
                        >
                          {canUpdate ? "Open " : ""}
                          {task.parent.reference} {task.parent.title}
                        </Link>
                      ) : null}
                    </dd>
                  </div>
                ) : null}
              </dl>
              <Separator />
              <div>
                <h2 className="mb-2 text-sm font-medium text-muted-foreground">Description</h2>
                {task.description ? (
                  <MarkdownText text={task.description} />
                ) : (
                  <p className="text-sm text-muted-foreground">No description.</p>
                )}
              </div>
              {task.subtasks.length > 0 ? (
                <>
                  <Separator />
                  <div>
                    <h2 className="mb-2 text-sm font-medium text-muted-foreground">Subtasks</h2>
                    <ul className="space-y-1 text-sm">
                      {task.subtasks.map((s) => (
                        <li key={s.id} className="flex items-center gap-2">
                          <Link href={`${projectHref}/tasks/${s.id}`} className="hover:underline">
                            {s.reference} {s.title}
                          </Link>
                          <Badge variant="secondary">{STATUS_LABELS[s.status]}</Badge>
                        </li>
                      ))}
                    </ul>
                  </div>
                </>
              ) : null}
            </CardContent>
          </Card>
          <TaskComments taskId={task.id} />
          <TaskAttachments taskId={task.id} />
        </div>
        <aside aria-label="Task history">
          <TaskActivity taskId={task.id} />
        </aside>
      </div>
      <EditTaskDialog task={task} open={editing} onOpenChange={setEditing} />
    </>
  );
}
