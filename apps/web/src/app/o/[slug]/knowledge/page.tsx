import type { Metadata } from "next";

import { PageHeader } from "~/components/ui/page-header";
import { getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";
import { currentOrganization, NoAccess, roleNameOf } from "../settings/_components/no-access";
import { KnowledgeManager } from "./knowledge-manager";

export const metadata: Metadata = { title: "Knowledge base" };

export default async function KnowledgePage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const current = await currentOrganization(slug);
  // Every member reads the documents agents cite; uploading and deleting take agent.manage (the API enforces both).
  if (!current.permissions.includes("organization.read")) {
    return (
      <NoAccess
        title="Knowledge base"
        permission="organization.read"
        roleName={roleNameOf(current)}
      />
    );
  }
  await getQueryClient().prefetchQuery(trpcFor(slug).knowledge.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Knowledge base"
        description="Text, Markdown and PDF documents agents answer from, with the passages they cite."
      />
      <KnowledgeManager />
    </HydrateClient>
  );
}
