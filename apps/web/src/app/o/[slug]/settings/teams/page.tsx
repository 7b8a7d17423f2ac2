import type { Metadata } from "next";

import { PageHeader } from "~/components/ui/page-header";
import { can } from "~/lib/access/can";
import { getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";
import { currentOrganization, NoAccess, roleNameOf } from "../_components/no-access";
import { TeamsManager } from "./teams-manager";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const current = await currentOrganization(slug);
  if (!can(current, "team.read").allowed) {
    return <NoAccess title="Teams" permission="team.read" roleName={roleNameOf(current)} />;
  }
  const canManage = can(current, "team.manage").allowed;
  await Promise.all([
    getQueryClient().prefetchQuery(trpcFor(slug).team.list.queryOptions()),
    canManage && current.permissions.includes("member.read")
      ? getQueryClient().prefetchQuery(trpcFor(slug).member.list.queryOptions({ limit: 100 }))
      : null,
  ]);
  return (
    <HydrateClient>
      <PageHeader title="Teams" description="Groups of members; projects can belong to a team." />
      <TeamsManager canListMembers={current.permissions.includes("member.read")} />
    </HydrateClient>
  );
}
