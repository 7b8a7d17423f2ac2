import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";

import { getAuthSession, signOut } from "@tenantry/auth/next";

import { TRPCReactProvider } from "~/trpc/react";
import { callerFor } from "~/trpc/server";

/** Shell of an organization's pages; the organization comes from the URL and membership is verified here. */
export default async function OrganizationLayout(props: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await props.params;
  const session = await getAuthSession();
  if (!session) redirect("/sign-in");
  const caller = await callerFor(slug);
  const current = await caller.organization.current().catch((error: unknown) => {
    // Not a member (or no such organization): the same answer, so slugs of other tenants are not revealed.
    if (error instanceof TRPCError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND"))
      notFound();
    throw error;
  });
  const organizations = await caller.organization.mine();

  return (
    <TRPCReactProvider organization={current.slug}>
      <header className="app">
        <nav aria-label="Organization">
          <strong>{current.name}</strong>
          <Link href={`/o/${current.slug}/projects`}>Projects</Link>
          {organizations.length > 1 ? (
            <span className="muted">
              Switch:{" "}
              {organizations
                .filter((o) => o.slug !== current.slug)
                .map((o) => (
                  <Link key={o.id} href={`/o/${o.slug}/projects`}>
                    {o.name}
                  </Link>
                ))}
            </span>
          ) : null}
        </nav>
        <form
          action={async () => {
            "use server";
            await signOut({ redirectTo: "/sign-in" });
          }}
        >
          <span className="muted">{session.user.email} </span>
          <button type="submit" className="secondary">
            Sign out
          </button>
        </form>
      </header>
      {props.children}
    </TRPCReactProvider>
  );
}
