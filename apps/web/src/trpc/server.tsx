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

import { getAuthSession } from "~/server/auth-session";
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
  return createTRPCContext({
    headers: heads,
    session: await getAuthSession(),
    requestId: await pageRequestId(),
    shareAuthentication: true,
  });
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
