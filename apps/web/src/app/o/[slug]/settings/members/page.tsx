import type { Metadata } from "next";

import { PageHeader } from "~/components/ui/page-header";
import { getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";
import { currentOrganization, NoAccess, roleNameOf } from "../_components/no-access";
import { InvitationsPanel } from "./invitations-panel";
import { MembersTable } from "./members-table";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const current = await currentOrganization(slug);
  if (!current.permissions.includes("member.read")) {
    return <NoAccess title="Members" permission="member.read" roleName={roleNameOf(current)} />;
  }
  const trpc = trpcFor(slug);
  const canInvite = current.permissions.includes("member.invite");
  await Promise.all([
    getQueryClient().prefetchQuery(trpc.member.list.queryOptions({ limit: 100 })),
    getQueryClient().prefetchQuery(trpc.role.catalog.queryOptions()),
    canInvite ? getQueryClient().prefetchQuery(trpc.invitation.list.queryOptions()) : null,
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title="Members"
        description="Who belongs to this organization and what they may do."
      />
      <MembersTable
        me={current.membershipId}
        canUpdate={current.permissions.includes("member.update")}
        canRemove={current.permissions.includes("member.remove")}
      />
      {canInvite ? <InvitationsPanel /> : null}
    </HydrateClient>
  );
}
