import type { Metadata } from "next";

import { ActivityTable } from "~/components/activity/activity-table";
import { ACTIVITY_PAGE_SIZE } from "~/components/activity/constants";
import { PageHeader } from "~/components/ui/page-header";
import { getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  // The first page renders on the server; members without audit.read get the error boundary's message.
  await getQueryClient().prefetchQuery(
    trpcFor(slug).audit.list.queryOptions({
      limit: ACTIVITY_PAGE_SIZE,
      cursor: null,
    }),
  );
  return (
    <HydrateClient>
      <PageHeader title="Activity" description="Who changed what in this organization." />
      <ActivityTable />
    </HydrateClient>
  );
}
