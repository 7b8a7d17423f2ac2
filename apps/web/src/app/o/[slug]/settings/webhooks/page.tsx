import type { Metadata } from "next";

import { PageHeader } from "~/components/ui/page-header";
import { getQueryClient, HydrateClient, prefetchPlanUsage, trpcFor } from "~/trpc/server";
import { currentOrganization, NoAccess, roleNameOf } from "../_components/no-access";
import { WebhooksManager } from "./webhooks-manager";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const current = await currentOrganization(slug);
  if (!current.permissions.includes("webhook.manage")) {
    return <NoAccess title="Webhooks" permission="webhook.manage" roleName={roleNameOf(current)} />;
  }
  const trpc = trpcFor(slug);
  await Promise.all([
    getQueryClient().prefetchQuery(trpc.webhook.list.queryOptions()),
    getQueryClient().prefetchQuery(trpc.webhook.eventTypes.queryOptions()),
    // A new endpoint counts against the plan's webhook endpoint limit.
    prefetchPlanUsage(slug),
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title="Webhooks"
        description="Endpoints that receive this organization's events, signed per Standard Webhooks."
      />
      <WebhooksManager />
    </HydrateClient>
  );
}
