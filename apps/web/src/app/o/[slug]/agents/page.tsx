import type { Metadata } from "next";

import { PageHeader } from "~/components/ui/page-header";
import { getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";
import { currentOrganization, NoAccess, roleNameOf } from "../settings/_components/no-access";
import { AgentsManager } from "./agents-manager";

export const metadata: Metadata = { title: "Agents" };

export default async function AgentsPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const current = await currentOrganization(slug);
  // Members see and use active agents; configuring them takes agent.manage (the API enforces both).
  if (!current.permissions.includes("organization.read")) {
    return (
      <NoAccess title="Agents" permission="organization.read" roleName={roleNameOf(current)} />
    );
  }
  const canManage = current.permissions.includes("agent.manage");
  const trpc = trpcFor(slug);
  await Promise.all([
    getQueryClient().prefetchQuery(trpc.agent.list.queryOptions({ includeInactive: canManage })),
    getQueryClient().prefetchQuery(trpc.agent.options.queryOptions()),
    getQueryClient().prefetchQuery(trpc.knowledge.list.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title="Agents"
        description="Assistants configured for this organization: model, instructions, tools and knowledge."
      />
      <AgentsManager canManage={canManage} />
    </HydrateClient>
  );
}
