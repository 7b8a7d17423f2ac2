// The signed-in user's own settings (profile, sessions): outside any organization, so not in the org shell.
import Link from "next/link";
import { redirect } from "next/navigation";

import { getAuthSession, signOut } from "@tenantry/auth/next";

import { Button } from "~/components/ui/button";

export default async function SettingsLayout(props: { children: React.ReactNode }) {
  const session = await getAuthSession();
  if (!session) redirect("/sign-in");

  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/sign-in" });
  }

  return (
    <div className="min-h-dvh bg-muted/40">
      <header className="flex h-14 items-center justify-between border-b bg-background px-4 sm:px-6">
        <nav aria-label="Settings" className="flex items-center gap-4 text-sm">
          <Link href="/" className="font-semibold">
            Tenantry
          </Link>
          <Link href="/settings/profile" className="text-muted-foreground hover:text-foreground">
            Profile
          </Link>
          <Link href="/settings/sessions" className="text-muted-foreground hover:text-foreground">
            Sessions
          </Link>
          <Link
            href="/settings/notifications"
            className="text-muted-foreground hover:text-foreground"
          >
            Notifications
          </Link>
        </nav>
        <form action={signOutAction} className="flex items-center gap-3">
          <span className="hidden text-sm text-muted-foreground sm:inline">
            {session.user.email}
          </span>
          <Button type="submit" variant="outline" size="sm">
            Sign out
          </Button>
        </form>
      </header>
      <main className="mx-auto max-w-2xl space-y-6 px-4 py-8">{props.children}</main>
    </div>
  );
}
