import { redirect } from "next/navigation";
import { Building2 } from "lucide-react";

import { MyInvitations } from "~/components/notifications/my-invitations";
import { CreateOrganizationForm } from "~/components/organizations/create-organization";
import { AuthShell } from "~/components/shell/auth-shell";
import { EmptyState } from "~/components/ui/empty-state";
import { getAuthSession } from "~/server/auth-session";
import { TRPCReactProvider } from "~/trpc/react";
import { callerFor } from "~/trpc/server";

/**
 * Sends a signed-in user to the organization their session last worked in (else their first one that is not
 * deleted), everyone else to sign-in; a user without one (e.g. new through OAuth, or removed from their last) can
 * create one here.
 */
export default async function HomePage() {
  if (!(await getAuthSession())) redirect("/sign-in");
  const organizations = await (await callerFor(null)).organization.mine();
  const usable = organizations.filter((o) => o.status !== "DELETED");
  const target = usable.find((o) => o.active) ?? usable[0] ?? organizations[0];
  if (target) redirect(`/o/${target.slug}/home`);
  return (
    <AuthShell title="No organization yet">
      <EmptyState
        icon={Building2}
        title="You are not a member of any organization"
        description="Ask an owner of your organization to invite you (the invitation shows up here and arrives by email), or create your own."
        className="border-0 py-4"
      />
      <TRPCReactProvider organization={null}>
        <div className="mb-6">
          <MyInvitations />
        </div>
        <CreateOrganizationForm />
      </TRPCReactProvider>
    </AuthShell>
  );
}
