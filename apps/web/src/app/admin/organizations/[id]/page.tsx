import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";

import { getAuthSession } from "@tenantry/auth/next";

import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { callerFor } from "~/trpc/server";

export const metadata: Metadata = { title: "Organization · Platform admin" };

/** One organization as the platform sees it: owners, size, and its lifecycle history with reasons. */
export default async function AdminOrganizationPage(props: { params: Promise<{ id: string }> }) {
  if (!(await getAuthSession())) redirect("/sign-in");
  const { id } = await props.params;
  const org = await (await callerFor(null)).admin.organizations.get({ id }).catch((e: unknown) => {
    if (e instanceof TRPCError && ["FORBIDDEN", "NOT_FOUND", "BAD_REQUEST"].includes(e.code))
      notFound();
    throw e;
  });
  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <PageHeader
        title={org.name}
        description={`${org.slug} · ${org.plan} plan · ${org.memberCount} members`}
        actions={
          <Button asChild variant="outline">
            <Link href="/admin">All organizations</Link>
          </Button>
        }
      />
      <p className="mb-6 text-sm">
        Status:{" "}
        <Badge variant={org.status === "ACTIVE" ? "secondary" : "destructive"}>{org.status}</Badge>
        {org.statusReason ? <span className="ml-2">{org.statusReason}</span> : null}
      </p>
      <h2 className="mb-2 text-lg font-semibold">Owners</h2>
      <ul className="mb-8 list-disc pl-6 text-sm">
        {org.owners.map((o) => (
          <li key={o.userId}>
            {o.name} ({o.email})
          </li>
        ))}
      </ul>
      <h2 className="mb-2 text-lg font-semibold">History</h2>
      <ol aria-label="Lifecycle history" className="divide-y rounded-md border text-sm">
        {org.history.map((h, i) => (
          <li key={i} className="flex flex-wrap gap-3 px-4 py-2">
            <span className="font-mono">{h.action}</span>
            <span className="text-muted-foreground">{h.createdAt.toLocaleString()}</span>
            {h.actorEmail ? <span>by {h.actorEmail}</span> : null}
            {h.reason ? <span>— {h.reason}</span> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
