// createTenantryClient: the app router's tRPC client with an API key or access token, the organization header,
// retries with backoff for network failures of queries and of idempotent calls only — a plain mutation may have run
// before the connection dropped, so it is never repeated; one the caller declares idempotent (running it twice
// leaves what running it once does, e.g. setting a task's title) is — and TenantryError for every failure.
import type { TRPCClient } from "@trpc/client";
import { createTRPCClient, httpLink, retryLink } from "@trpc/client";
import superjson from "superjson";

import type { AppRouter } from "@tenantry/api";

import { toTenantryError } from "./errors.ts";

/** The header the server reads the organization from (packages/api/src/context.ts). */
export const ORGANIZATION_HEADER = "x-tenantry-org";

export type TenantryClientOptions = {
  /** The server's origin, e.g. https://tenantry.example.com. */
  baseUrl: string;
  /** Organization id or slug; an API key always acts in its own organization. */
  organization?: string | null;
  /**
   * Network retries of a query or an idempotent mutation (default 3), with exponential backoff from
   * `retryBaseDelayMs` (default 200).
   */
  retries?: number;
  retryBaseDelayMs?: number;
  /**
   * Mutations (procedure paths, e.g. "task.update") that are safe to repeat and so are retried like queries. One
   * call can say so too: `.mutate(input, { context: { idempotent: true } })`.
   */
  idempotentMutations?: readonly string[];
  fetch?: typeof fetch;
} & ({ apiKey: string; accessToken?: never } | { accessToken: string; apiKey?: never });

export type TenantryClient = TRPCClient<AppRouter>;

const isNetworkError = (error: { data?: unknown; cause?: unknown }): boolean =>
  error.data === undefined || error.data === null;

/** The per-call declaration a mutation may carry in its tRPC operation context. */
export const IDEMPOTENT_CONTEXT = { idempotent: true } as const;

/** Whether an operation may be sent again after a network failure. */
export function isRetryable(
  op: { type: string; path: string; context: Record<string, unknown> },
  idempotentMutations: ReadonlySet<string>,
): boolean {
  if (op.type === "query") return true;
  return (
    op.type === "mutation" && (op.context.idempotent === true || idempotentMutations.has(op.path))
  );
}

/** Rethrows any failure of a `.query()` / `.mutate()` anywhere in the proxy as a TenantryError. */
function withTypedErrors<T extends object>(node: T): T {
  return new Proxy(node, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key === "query" || key === "mutate") {
        const call = value as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) =>
          call(...args).catch((error: unknown) => {
            throw toTenantryError(error);
          });
      }
      return typeof value === "object" || typeof value === "function"
        ? withTypedErrors(value as object)
        : value;
    },
  });
}

export function createTenantryClient(options: TenantryClientOptions): TenantryClient {
  const credential = options.apiKey ?? options.accessToken;
  const retries = options.retries ?? 3;
  const base = options.retryBaseDelayMs ?? 200;
  const idempotent = new Set(options.idempotentMutations ?? []);
  const client = createTRPCClient<AppRouter>({
    links: [
      retryLink({
        retry: ({ op, error, attempts }) =>
          attempts <= retries && isNetworkError(error) && isRetryable(op, idempotent),
        retryDelayMs: (attempt) => Math.min(base * 2 ** attempt, 10_000),
      }),
      httpLink({
        url: `${options.baseUrl.replace(/\/+$/, "")}/api/trpc`,
        transformer: superjson,
        fetch: options.fetch,
        headers: () => ({
          authorization: `Bearer ${credential}`,
          ...(options.organization ? { [ORGANIZATION_HEADER]: options.organization } : {}),
        }),
      }),
    ],
  });
  return withTypedErrors(client);
}
