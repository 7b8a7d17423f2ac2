import type { Metadata } from "next";

import { ProjectList } from "~/components/project-list";
import { getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const trpc = trpcFor(slug);
  await getQueryClient().prefetchQuery(trpc.project.list.queryOptions({ limit: 50 }));
  return (
    <HydrateClient>
      <main>
        <h1>Projects</h1>
        <ProjectList />
      </main>
    </HydrateClient>
  );
}
