import type { Metadata } from "next";

import { PageHeader } from "~/components/ui/page-header";
import { can } from "~/lib/access/can";
import { getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";
import { currentOrganization } from "../_components/no-access";
import { DangerZone } from "./danger-zone";
import { GeneralForm } from "./general-form";
import { TransferInbox } from "./transfer-inbox";

export const metadata: Metadata = { title: "Organization settings" };

export default async function GeneralSettingsPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const current = await currentOrganization(slug);
  const canTransfer = can(current, "organization.transfer").allowed;
  await Promise.all([
    getQueryClient().prefetchQuery(trpcFor(slug).organization.transfer.current.queryOptions()),
    canTransfer
      ? getQueryClient().prefetchQuery(trpcFor(slug).member.list.queryOptions({ limit: 100 }))
      : null,
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title="Organization settings"
        description="Name, address and who may be invited."
      />
      {current.status === "DELETED" ? null : <TransferInbox membershipId={current.membershipId} />}
      <GeneralForm
        organization={{
          name: current.name,
          slug: current.slug,
          allowedEmailDomains: current.allowedEmailDomains,
        }}
      />
      <DangerZone
        organization={{ slug: current.slug, name: current.name, status: current.status }}
        membershipId={current.membershipId}
        canTransfer={canTransfer}
      />
    </HydrateClient>
  );
}
