import type { Metadata } from "next";

import { PageHeader } from "~/components/ui/page-header";
import { getQueryClient, HydrateClient, prefetchPlanUsage, trpcFor } from "~/trpc/server";
import { currentOrganization, NoAccess, roleNameOf } from "../_components/no-access";
import { ApiKeysManager } from "./api-keys-manager";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const current = await currentOrganization(slug);
  if (!current.permissions.includes("apikey.manage")) {
    return <NoAccess title="API keys" permission="apikey.manage" roleName={roleNameOf(current)} />;
  }
  await Promise.all([
    getQueryClient().prefetchQuery(trpcFor(slug).apiKey.list.queryOptions()),
    // A new key counts against the plan's API key limit.
    prefetchPlanUsage(slug),
  ]);
  return (
    <HydrateClient>
      <PageHeader
        title="API keys"
        description="Keys for scripts and integrations (Authorization: Bearer tnt_live_…). A key acts with its scopes, never more than its creator's current role."
      />
      <ApiKeysManager permissions={current.permissions} />
    </HydrateClient>
  );
}
