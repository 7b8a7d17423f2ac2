import "server-only";

import type { QueryClient } from "@tanstack/react-query";
import { headers } from "next/headers";
// Server-side tRPC: an in-process caller with the request's session, cached per request, plus hydration helpers.
import { cache } from "react";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";

import type { AppRouter } from "@tenantry/api";
import {
  appRouter,
  createCaller,
  createTRPCContext,
  ORGANIZATION_HEADER,
  requestIdFrom,
} from "@tenantry/api";
import { checkedSessionOfRequest } from "@tenantry/auth/next";

import { getAuthSession } from "~/server/auth-session";
import { PAGE_OPEN_HEADER } from "~/server/page-open";
import { createQueryClient } from "./query-client";

/** One id per page request, whichever organizations it renders (ctx.requestId, quoted by internal errors). */
const pageRequestId = cache(async () => requestIdFrom(await headers()));

/**
 * The request's tRPC context, built once: the session row is checked once for every call of the render
 * (`shareAuthentication`, trpc.ts), whichever organizations the calls name — the shell's account calls name none.
 */
const baseContext = cache(async () => {
  const heads = new Headers(await headers());
  heads.set("x-trpc-source", "rsc");
  heads.delete(ORGANIZATION_HEADER);
  const session = await getAuthSession();
  const ctx = createTRPCContext({
    headers: heads,
    session,
    requestId: await pageRequestId(),
    shareAuthentication: true,
    // A link prefetch renders the page too, but nobody opened it: it must not move the session's organization.
    // (Next.js hides its own prefetch headers from headers(); the proxy marks the pages it runs for, which
    // excludes prefetches.)
    opensPage: heads.get(PAGE_OPEN_HEADER) === "1",
  });
  // getAuthSession has just read the session row (next-auth's session check): the calls use that read, as
  // authenticate() would for the cookie, instead of reading the row again.
  const checked = session?.sessionId ? checkedSessionOfRequest(session.sessionId) : null;
  if (checked && ctx.sharedAuthentication) {
    ctx.sharedAuthentication.promise = Promise.resolve({
      user: checked.user,
      sessionId: checked.sessionId,
      activeOrganizationId: checked.activeOrganizationId,
      apiKey: null,
    });
  }
  return ctx;
});

/** The context for one organization (or the caller's default when null): the base one naming it. */
const createContext = cache(
  async (organization: string | null): Promise<Awaited<ReturnType<typeof baseContext>>> => ({
    ...(await baseContext()),
    organization,
  }),
);

export const getQueryClient = cache(createQueryClient);

/** Query-options proxy for one organization (or the caller's default when null). */
export const trpcFor = cache((organization: string | null) =>
  createTRPCOptionsProxy<AppRouter>({
    router: appRouter,
    ctx: () => createContext(organization),
    queryClient: getQueryClient,
  }),
);

/** Direct caller for server components that need the data themselves (not just prefetch). */
export const callerFor = cache(async (organization: string | null) =>
  createCaller(await createContext(organization)),
);

/** The organization of the URL as the caller sees it (membership, permissions, status), read once per request. */
export const getCurrentOrganization = cache(async (slug: string) =>
  (await callerFor(slug)).organization.current(),
);

/**
 * For pages with an action that consumes a plan limit (new project, invitation, API key, webhook endpoint): useCan
 * reads plan.usage, prefetched here so the action renders with its limit. Other pages leave it to the browser.
 */
export async function prefetchPlanUsage(slug: string): Promise<void> {
  // A prefetch, like the others: a caller who is no member gets the shell's 404, not this call's error.
  const current = await getCurrentOrganization(slug).catch(() => null);
  if (!current || current.status === "DELETED") return;
  await getQueryClient().prefetchQuery(trpcFor(slug).plan.usage.queryOptions());
}

/** The signed-in user's account, read once per request (the shell's time zone, the admin-console link). */
export const getAccount = cache(async () => (await callerFor(null)).account.me());

export function HydrateClient(props: { children: React.ReactNode }) {
  const queryClient = getQueryClient();
  return <HydrationBoundary state={dehydrate(queryClient)}>{props.children}</HydrationBoundary>;
}

/**
 * For layouts: hydrates only the queries prefetched into `client` (a separate createQueryClient()). Dehydrating the
 * request's shared client from a layout would also ship the page's still-pending prefetches; the client would then
 * hold them as pending and suspend/refetch during SSR instead of using the page's data.
 */
export function HydrateOnly(props: { client: QueryClient; children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(props.client)}>{props.children}</HydrationBoundary>;
}

export { createQueryClient };
