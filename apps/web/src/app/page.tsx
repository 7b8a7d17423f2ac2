import { redirect } from "next/navigation";

import { getAuthSession } from "@tenantry/auth/next";

import { callerFor } from "~/trpc/server";

/** Sends a signed-in user to their first organization, everyone else to sign-in. */
export default async function HomePage() {
  if (!(await getAuthSession())) redirect("/sign-in");
  const organizations = await (await callerFor(null)).organization.mine();
  const first = organizations[0];
  if (first) redirect(`/o/${first.slug}/projects`);
  return (
    <main>
      <h1>No organization yet</h1>
      <p className="muted">You are not a member of any organization. Ask an owner to invite you.</p>
    </main>
  );
}
