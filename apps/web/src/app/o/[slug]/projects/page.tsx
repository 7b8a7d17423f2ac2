import type { Metadata } from "next";

import { PROJECTS_PAGE_SIZE } from "~/components/projects/constants";
import { CreateProjectDialog } from "~/components/projects/project-dialogs";
import { ProjectList } from "~/components/projects/project-list";
import { PageHeader } from "~/components/ui/page-header";
import { getQueryClient, HydrateClient, prefetchPlanUsage, trpcFor } from "~/trpc/server";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  await Promise.all([
    getQueryClient().prefetchQuery(
      trpcFor(slug).project.list.queryOptions({ limit: PROJECTS_PAGE_SIZE }),
    ),
    // "New project" counts against the plan's project limit.
    prefetchPlanUsage(slug),
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title="Projects"
        description="Everything your organization is working on."
        actions={<CreateProjectDialog openFromUrl />}
      />
      <ProjectList />
    </HydrateClient>
  );
}
