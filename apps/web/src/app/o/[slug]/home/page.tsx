import type { Metadata } from "next";

import { HOME_PROJECTS_LIMIT, myTasksInput, RECENT_TASKS_INPUT } from "~/components/home/constants";
import { HomeView } from "~/components/home/home-view";
import { PageHeader } from "~/components/ui/page-header";
import { callerFor, getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const current = await (await callerFor(slug)).organization.current();
  const trpc = trpcFor(slug);
  const queries = getQueryClient();
  await Promise.all([
    queries.prefetchQuery(trpc.task.list.queryOptions(myTasksInput(current.membershipId))),
    queries.prefetchQuery(trpc.task.list.queryOptions(RECENT_TASKS_INPUT)),
    queries.prefetchQuery(trpc.project.list.queryOptions({ limit: HOME_PROJECTS_LIMIT })),
  ]);
  return (
    <HydrateClient>
      <PageHeader title="Home" description={`What needs you in ${current.name}.`} />
      <HomeView membershipId={current.membershipId} />
    </HydrateClient>
  );
}
