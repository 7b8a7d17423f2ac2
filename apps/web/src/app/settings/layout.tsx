// The signed-in user's own settings (profile, sessions, notifications): not owned by any organization, yet shown
// inside the app shell of the organization the user last worked in, so the sidebar and palette stay. A user with
// no organization gets a plain header instead.
import Link from "next/link";
import { redirect } from "next/navigation";

import { signOut } from "@tenantry/auth/next";

import { AccountNav } from "~/components/shell/account-nav";
import { OrganizationShell } from "~/components/shell/organization-shell";
import { Button } from "~/components/ui/button";
import { getAuthSession } from "~/server/auth-session";
import { callerFor } from "~/trpc/server";

export default async function SettingsLayout(props: { children: React.ReactNode }) {
  const session = await getAuthSession();
  if (!session) redirect("/sign-in");
  const organizations = await (await callerFor(null)).organization.mine();
  const usable = organizations.filter((o) => o.status !== "DELETED");
  const target = usable.find((o) => o.active) ?? usable[0];

  const content = (
    <div className="mx-auto max-w-2xl space-y-6">
      <AccountNav />
      {props.children}
    </div>
  );
  if (target) return <OrganizationShell slug={target.slug}>{content}</OrganizationShell>;

  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/sign-in" });
  }
  return (
    <div className="min-h-dvh bg-muted/40">
      <header className="flex h-14 items-center justify-between border-b bg-background px-4 sm:px-6">
        <Link href="/" className="font-semibold">
          Tenantry
        </Link>
        <form action={signOutAction} className="flex items-center gap-3">
          <span className="hidden text-sm text-muted-foreground sm:inline">
            {session.user.email}
          </span>
          <Button type="submit" variant="outline" size="sm">
            Sign out
          </Button>
        </form>
      </header>
      <main className="px-4 py-8">{content}</main>
    </div>
  );
}
