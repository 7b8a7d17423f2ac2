// Shown in place of a settings page the member's role does not cover; the API refuses the calls anyway.
import { Lock } from "lucide-react";

import type { RouterOutputs } from "@tenantry/api";
import type { TPermission } from "@tenantry/validators";

import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { getCurrentOrganization } from "~/trpc/server";

export type CurrentOrganization = RouterOutputs["organization"]["current"];

export { roleNameOf } from "~/lib/access/can";

export function NoAccess(props: { title: string; permission: TPermission; roleName: string }) {
  return (
    <>
      <PageHeader title={props.title} />
      <EmptyState
        icon={Lock}
        title="You don't have access to this page"
        description={`Your role (${props.roleName}) does not include the “${props.permission}” permission. Ask an owner or admin if you need it.`}
      />
    </>
  );
}

/** The active organization and the member's permissions (cached per request with the layout's call). */
export async function currentOrganization(slug: string): Promise<CurrentOrganization> {
  return getCurrentOrganization(slug);
}
