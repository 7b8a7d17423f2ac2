"use client";

// Browser tRPC client bound to one organization: every request names it, and the server verifies membership.
import type { QueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchStreamLink, loggerLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import SuperJSON from "superjson";

import type { AppRouter } from "@tenantry/api";

import { env } from "~/env";
import { TRPC_MAX_BATCH_SIZE } from "./limits";
import { createQueryClient } from "./query-client";

// One cache per organization: query keys do not name the organization (the header does), so a shared cache would
// show one tenant's cached projects on another tenant's pages after switching.
const browserQueryClients = new Map<string, QueryClient>();
const getQueryClient = (organization: string | null) => {
  if (typeof window === "undefined") return createQueryClient();
  const key = organization ?? "";
  let client = browserQueryClients.get(key);
  if (!client) {
    client = createQueryClient();
    browserQueryClients.set(key, client);
  }
  return client;
};

export const { useTRPC, useTRPCClient, TRPCProvider } = createTRPCContext<AppRouter>();

export function TRPCReactProvider(props: {
  children: React.ReactNode;
  organization: string | null;
}) {
  const queryClient = getQueryClient(props.organization);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        loggerLink({
          enabled: (op) =>
            env.NODE_ENV === "development" ||
            (op.direction === "down" && op.result instanceof Error),
        }),
        httpBatchStreamLink({
          transformer: SuperJSON,
          url: "/api/trpc",
          maxItems: TRPC_MAX_BATCH_SIZE,
          headers() {
            const headers = new Headers();
            headers.set("x-trpc-source", "nextjs-react");
            if (props.organization) headers.set("x-tenantry-org", props.organization);
            return headers;
          },
        }),
      ],
    }),
  );

  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {props.children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
