import "server-only";

import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";

import { isTRPCError } from "@tenantry/api";
import { signOut } from "@tenantry/auth/next";

import { OrganizationStatusBanner } from "~/components/organizations/status-banner";
import { AppShell } from "~/components/shell/app-shell";
import { QuotaBanner } from "~/components/usage/quota-banner";
import { localeFromAcceptLanguage } from "~/lib/dates";
import { isPlatformAdmin } from "~/lib/platform-admin";
import { getAuthSession } from "~/server/auth-session";
import { TRPCReactProvider } from "~/trpc/react";
import { callerFor, getAccount, getCurrentOrganization } from "~/trpc/server";

/**
 * The app shell of one organization, membership verified here: the organization's pages (slug from the URL) and
 * the account pages (the organization the user last worked in) render inside it, so the sidebar never goes away.
 */
export async function OrganizationShell(props: { slug: string; children: React.ReactNode }) {
  const { slug } = props;
  const session = await getAuthSession();
  if (!session) redirect("/sign-in");
  const caller = await callerFor(slug);
  // The shell's reads start together; the quotas depend on the member's permissions. What the shell only shows on
  // demand is left to the browser: the switcher's organization.mine (read when it mounts, before it can be opened;
  // until then it lists the current organization) and plan.usage, which the pages whose actions consume a plan
  // limit prefetch themselves (prefetchPlanUsage).
  const [current, me, platformAdmin] = await Promise.all([
    getCurrentOrganization(slug).catch((error: unknown) => {
      // Not a member (or no such organization): the same answer, so slugs of other tenants are not revealed.
      if (isTRPCError(error) && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND"))
        notFound();
      throw error;
    }),
    getAccount(),
    isPlatformAdmin(),
  ]);
  const [requestHeaders, quotas] = await Promise.all([
    headers(),
    // The admins' quota banner (80% and used up); members without usage.read see none.
    current.permissions.includes("usage.read") ? caller.usage.quotas() : [],
  ]);

  async function signOutAction() {
    "use server";
    await signOut({ redirectTo: "/sign-in" });
  }

  return (
    // Keyed by organization: its tRPC client and query cache never serve another organization's data.
    <TRPCReactProvider key={current.slug} organization={current.slug}>
      <AppShell
        organization={{
          id: current.id,
          name: current.name,
          slug: current.slug,
          plan: current.plan,
          role: current.role,
        }}
        access={{
          permissions: current.permissions,
          status: current.status,
          licenseLapsed: current.licenseLapsed,
          role: current.role,
          customRole: current.customRole,
        }}
        user={{
          name: session.user.name || null,
          email: session.user.email,
          platformAdmin,
        }}
        signOut={signOutAction}
        dates={{
          locale: localeFromAcceptLanguage(requestHeaders.get("accept-language")),
          timeZone: me.timeZone ?? undefined,
        }}
        banner={
          <>
            <OrganizationStatusBanner current={current} />
            <QuotaBanner slug={current.slug} quotas={quotas} />
          </>
        }
      >
        {props.children}
      </AppShell>
    </TRPCReactProvider>
  );
}
