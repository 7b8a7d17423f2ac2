import type { Metadata } from "next";

import { UnavailableNote } from "~/components/access/unavailable-action";
import { PageHeader } from "~/components/ui/page-header";
import { can } from "~/lib/access/can";
import { getQueryClient, HydrateClient, prefetchPlanUsage, trpcFor } from "~/trpc/server";
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
  // Listing invitations takes member.invite even while the organization is read-only (then only inviting is off).
  const invite = can(current, "member.invite");
  const canInvite = invite.reason?.kind !== "permission";
  await Promise.all([
    getQueryClient().prefetchQuery(trpc.member.list.queryOptions({ limit: 100 })),
    getQueryClient().prefetchQuery(trpc.role.catalog.queryOptions()),
    canInvite ? getQueryClient().prefetchQuery(trpc.invitation.list.queryOptions()) : null,
    // Inviting counts against the plan's member limit.
    canInvite ? prefetchPlanUsage(slug) : null,
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title="Members"
        description="Who belongs to this organization and what they may do."
      />
      <MembersTable me={current.membershipId} />
      {canInvite ? (
        <InvitationsPanel />
      ) : (
        <UnavailableNote reason={invite.reason} className="mt-8" />
      )}
    </HydrateClient>
  );
}
