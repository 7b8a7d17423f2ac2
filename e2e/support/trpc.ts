// tRPC over Playwright's request context, as the demo organization's signed-in user: a query and a same-origin
// mutation, each expecting 200 and returning the superjson envelope's data.
import type { APIRequestContext } from "@playwright/test";
import { expect } from "@playwright/test";

import { sameOrigin } from "./auth";

interface TrpcResult<T> {
  result: { data: { json: T } };
}
/** The demo organization every e2e tRPC call is made in. */
export const ORG = { "x-tenantry-org": "acme" };

export async function query<T>(api: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await api.get(
    `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`,
    { headers: ORG },
  );
  expect(res.status()).toBe(200);
  return ((await res.json()) as TrpcResult<T>).result.data.json;
}

export async function mutate<T>(api: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await api.post(`/api/trpc/${path}`, {
    headers: { ...ORG, ...sameOrigin() },
    data: { json: input },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as TrpcResult<T>).result.data.json;
}
