import type { Metadata } from "next";
import { revalidatePath } from "next/cache";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";

import { getAuthSession } from "@tenantry/auth/next";

import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { callerFor } from "~/trpc/server";

export const metadata: Metadata = { title: "User · Platform admin" };

async function unlockAction(formData: FormData) {
  "use server";
  const userId = formData.get("userId");
  if (typeof userId !== "string") return;
  let error: string | null = null;
  try {
    await (await callerFor(null)).auth.admin.unlock({ userId });
  } catch (e) {
    error = e instanceof TRPCError ? e.message : "The user could not be unlocked";
  }
  revalidatePath(`/admin/users/${userId}`);
  if (error) redirect(`/admin/users/${userId}?error=${encodeURIComponent(error)}`);
}

/** A user's password sign-in lock and account-status history: who suspended or reactivated them, when and why. */
export default async function AdminUserPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  if (!(await getAuthSession())) redirect("/sign-in");
  const { id } = await props.params;
  const { error } = await props.searchParams;
  const caller = await callerFor(null);
  const [history, lock] = await Promise.all([
    caller.admin.users.history({ id }),
    caller.auth.admin.lockStatus({ userId: id }),
  ]).catch((e: unknown) => {
    if (e instanceof TRPCError && ["FORBIDDEN", "BAD_REQUEST", "NOT_FOUND"].includes(e.code))
      notFound();
    throw e;
  });
  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <PageHeader
        title="User account"
        actions={
          <Button asChild variant="outline">
            <Link href="/admin">Back to the console</Link>
          </Button>
        }
      />
      {error ? (
        <p role="alert" className="mb-4 text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <section aria-labelledby="sign-in-lock" className="mb-8">
        <h2 id="sign-in-lock" className="mb-2 text-lg font-semibold">
          Sign-in lock
        </h2>
        <div className="flex flex-wrap items-center gap-3 rounded-md border px-4 py-3 text-sm">
          <Badge variant={lock.locked ? "destructive" : "secondary"}>
            {lock.locked ? "Locked" : "Not locked"}
          </Badge>
          <span>
            {lock.failedSignInCount} failed password sign-in
            {lock.failedSignInCount === 1 ? "" : "s"} since the last successful one
          </span>
          {lock.lockedUntil ? (
            <span className="text-muted-foreground">
              Password sign-in refused until {lock.lockedUntil.toLocaleString()}
            </span>
          ) : null}
          {lock.locked || lock.failedSignInCount > 0 ? (
            <form action={unlockAction} className="ml-auto">
              <input type="hidden" name="userId" value={lock.userId} />
              <Button type="submit" size="sm" variant="outline">
                {lock.locked ? "Unlock sign-in" : "Reset failed attempts"}
              </Button>
            </form>
          ) : null}
        </div>
      </section>
      <h2 className="mb-2 text-lg font-semibold">Account status history</h2>
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
