import type { Metadata } from "next";

import { PageHeader } from "~/components/ui/page-header";
import { getQueryClient, HydrateClient, trpcFor } from "~/trpc/server";
import { currentOrganization, NoAccess, roleNameOf } from "../_components/no-access";
import { RolesEditor } from "./roles-editor";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage(props: { params: Promise<{ slug: string }> }) {
  const { slug } = await props.params;
  const current = await currentOrganization(slug);
  if (!current.permissions.includes("member.read")) {
    return <NoAccess title="Roles" permission="member.read" roleName={roleNameOf(current)} />;
  }
  await getQueryClient().prefetchQuery(trpcFor(slug).role.catalog.queryOptions());
  return (
    <HydrateClient>
      <PageHeader
        title="Roles"
        description="Built-in roles and this organization's custom roles, permission by permission."
      />
      <RolesEditor myPermissions={current.permissions} />
    </HydrateClient>
  );
}
