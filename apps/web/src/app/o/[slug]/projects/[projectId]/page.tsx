import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { isTRPCError } from "@tenantry/api";
import { ZId } from "@tenantry/validators";

import { ProjectDetail } from "~/components/projects/project-detail";
import { BOARD_STATUSES, boardColumnInput } from "~/components/tasks/constants";
import { ProjectTasks } from "~/components/tasks/project-tasks";
import { callerFor, getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";

type Params = Promise<{ slug: string; projectId: string }>;

export async function generateMetadata(props: { params: Params }): Promise<Metadata> {
  const { slug, projectId } = await props.params;
  if (!ZId.safeParse(projectId).success) return { title: "Project" };
  const project = await (await callerFor(slug)).project.get({ id: projectId }).catch(() => null);
  return { title: project?.name ?? "Project" };
}

export default async function ProjectPage(props: { params: Params }) {
  const { slug, projectId } = await props.params;
  if (!ZId.safeParse(projectId).success) notFound();
  const trpc = trpcFor(slug);
  const options = trpc.project.get.queryOptions({ id: projectId });
  // The board's columns (first page each) stream in with the page; the project itself must exist first (404 otherwise).
  for (const status of BOARD_STATUSES) {
    void getQueryClient().prefetchInfiniteQuery(
      trpc.task.list.infiniteQueryOptions(boardColumnInput(projectId, status), {
        getNextPageParam: (page) => page.nextCursor,
      }),
    );
  }
  await getQueryClient()
    .fetchQuery(options)
    .catch((error: unknown) => {
      if (isTRPCError(error) && error.code === "NOT_FOUND") notFound();
      throw error;
    });
  return (
    <HydrateClient>
      <ProjectDetail id={projectId}>
        <ProjectTasks projectId={projectId} />
      </ProjectDetail>
    </HydrateClient>
  );
}
