import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { isTRPCError } from "@tenantry/api";
import { ZId } from "@tenantry/validators";

import { TaskDetail } from "~/components/tasks/task-detail";
import { getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";

type Params = Promise<{ slug: string; projectId: string; taskId: string }>;

export async function generateMetadata(props: { params: Params }): Promise<Metadata> {
  const { slug, taskId } = await props.params;
  if (!ZId.safeParse(taskId).success) return { title: "Task" };
  // The page's own query (one request-scoped client): the task is read once for the title and the page.
  const task = await getQueryClient()
    .fetchQuery(trpcFor(slug).task.get.queryOptions({ id: taskId }))
    .catch(() => null);
  return { title: task ? `${task.reference} ${task.title}` : "Task" };
}

export default async function TaskPage(props: { params: Params }) {
  const { slug, projectId, taskId } = await props.params;
  if (!ZId.safeParse(taskId).success || !ZId.safeParse(projectId).success) notFound();
  const trpc = trpcFor(slug);
  const queryClient = getQueryClient();
  const task = await queryClient
    .fetchQuery(trpc.task.get.queryOptions({ id: taskId }))
    .catch((error: unknown) => {
      if (isTRPCError(error) && error.code === "NOT_FOUND") notFound();
      throw error;
    });
  // A task reached through another project's URL is not found there.
  if (task.projectId !== projectId) notFound();
  void queryClient.prefetchQuery(trpc.project.get.queryOptions({ id: projectId }));
  return (
    <HydrateClient>
      <TaskDetail taskId={taskId} projectId={projectId} />
    </HydrateClient>
  );
}
