import { redirect } from "next/navigation";
import { Building2 } from "lucide-react";

import { getAuthSession } from "@tenantry/auth/next";

import { AuthShell } from "~/components/shell/auth-shell";
import { EmptyState } from "~/components/ui/empty-state";
import { callerFor } from "~/trpc/server";

/** Sends a signed-in user to their first organization, everyone else to sign-in. */
export default async function HomePage() {
  if (!(await getAuthSession())) redirect("/sign-in");
  const organizations = await (await callerFor(null)).organization.mine();
  const first = organizations[0];
  if (first) redirect(`/o/${first.slug}/projects`);
  return (
    <AuthShell title="No organization yet">
      <EmptyState
        icon={Building2}
        title="You are not a member of any organization"
        description="Ask an owner of your organization to invite you; the invitation arrives by email."
        className="border-0 py-4"
      />
    </AuthShell>
  );
}
