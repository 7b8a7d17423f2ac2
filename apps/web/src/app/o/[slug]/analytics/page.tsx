import type { Metadata } from "next";

import { TaskAnalytics } from "~/components/analytics/task-analytics";
import { PageHeader } from "~/components/ui/page-header";
import { getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  await getQueryClient().prefetchQuery(trpcFor(slug).task.analytics.queryOptions({}));
  return (
    <HydrateClient>
      <PageHeader
        title="Analytics"
        description="Tasks by status and priority, overdue work and completion times."
      />
      <TaskAnalytics />
    </HydrateClient>
  );
}
