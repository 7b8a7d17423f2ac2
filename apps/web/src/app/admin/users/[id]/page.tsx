import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";

import { getAuthSession } from "@tenantry/auth/next";

import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { callerFor } from "~/trpc/server";

export const metadata: Metadata = { title: "User · Platform admin" };

/** A user's account-status history: who suspended or reactivated them, when and why. */
export default async function AdminUserPage(props: { params: Promise<{ id: string }> }) {
  if (!(await getAuthSession())) redirect("/sign-in");
  const { id } = await props.params;
  const history = await (await callerFor(null)).admin.users.history({ id }).catch((e: unknown) => {
    if (e instanceof TRPCError && ["FORBIDDEN", "BAD_REQUEST"].includes(e.code)) notFound();
    throw e;
  });
  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <PageHeader
        title="Account status history"
        actions={
          <Button asChild variant="outline">
            <Link href="/admin">Back to the console</Link>
          </Button>
        }
      />
      {history.length === 0 ? (
        <p className="text-sm text-muted-foreground">No status changes recorded.</p>
      ) : (
        <ol aria-label="Status history" className="divide-y rounded-md border text-sm">
          {history.map((h) => (
            <li key={h.id} className="flex flex-wrap gap-3 px-4 py-2">
              <span className="font-medium">{h.status}</span>
              <span className="text-muted-foreground">{h.createdAt.toLocaleString()}</span>
              {h.actor ? <span>by {h.actor.email}</span> : null}
              <span>— {h.reason}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
