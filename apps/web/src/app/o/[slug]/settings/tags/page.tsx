import type { Metadata } from "next";

import { PageHeader } from "~/components/ui/page-header";
import { getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";
import { currentOrganization, NoAccess, roleNameOf } from "../_components/no-access";
import { TagsManager } from "./tags-manager";

export const metadata: Metadata = { title: "Tags" };

export default async function TagsPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const current = await currentOrganization(slug);
  // Anyone who sees tasks sees the tags; changing them takes tag.manage (the API enforces both).
  if (!current.permissions.includes("task.read")) {
    return <NoAccess title="Tags" permission="task.read" roleName={roleNameOf(current)} />;
  }
  await getQueryClient().prefetchQuery(trpcFor(slug).tag.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader title="Tags" description="Colored labels members put on tasks." />
      <TagsManager />
    </HydrateClient>
  );
}
