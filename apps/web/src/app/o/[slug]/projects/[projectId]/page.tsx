import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";

import { isTRPCError } from "@tenantry/api";
import { ZId } from "@tenantry/validators";

import { ProjectDetail } from "~/components/projects/project-detail";
import { BoardSkeleton } from "~/components/tasks/board-skeleton";
import { ProjectTasks } from "~/components/tasks/project-tasks";
import { boardQueries } from "~/trpc/board";
import { getQueryClient, HydrateClient, HydrateOnly, trpcFor } from "~/trpc/server";

type Params = Promise<{ slug: string; projectId: string }>;

export async function generateMetadata(props: { params: Params }): Promise<Metadata> {
  const { slug, projectId } = await props.params;
  if (!ZId.safeParse(projectId).success) return { title: "Project" };
  // The page's own query (one request-scoped client): the project is read once for the title and the page.
  const project = await getQueryClient()
    .fetchQuery(trpcFor(slug).project.get.queryOptions({ id: projectId }))
    .catch(() => null);
  return { title: project?.name ?? "Project" };
}

export default async function ProjectPage(props: { params: Params }) {
  const { slug, projectId } = await props.params;
  if (!ZId.safeParse(projectId).success) notFound();
  // The board's columns are read from now on, alongside the project; they stream in below its details.
  const board = boardQueries(slug, projectId);
  await getQueryClient()
    .fetchQuery(trpcFor(slug).project.get.queryOptions({ id: projectId }))
    .catch((error: unknown) => {
      if (isTRPCError(error) && error.code === "NOT_FOUND") notFound();
      throw error;
    });
  return (
    <HydrateClient>
      <ProjectDetail id={projectId}>
        <Suspense fallback={<BoardSkeleton />}>
          <ProjectBoard board={board} projectId={projectId} />
        </Suspense>
      </ProjectDetail>
    </HydrateClient>
  );
}

/** The tasks section, rendered once the columns' first pages are in (hydrated from their own client). */
async function ProjectBoard(props: { board: ReturnType<typeof boardQueries>; projectId: string }) {
  await props.board.ready;
  return (
    <HydrateOnly client={props.board.client}>
      <ProjectTasks projectId={props.projectId} />
    </HydrateOnly>
  );
}
