// Which client a request comes from, as the server decides it from the socket and TRUST_PROXY (apps/web/server.ts).
// Without a trusted proxy, X-Forwarded-For is the client's own claim: a new value per request must not reset the
// per-IP sign-in limit nor end up in the session record. Behind a trusted proxy, the address that proxy appended is
// the client. The limit specs use servers of their own (scripts/run.ts: per-IP limit 3, own limiter namespace).
import type { APIRequestContext } from "@playwright/test";
import { expect, request as playwrightRequest, test } from "@playwright/test";

import { DEMO } from "../../support/auth";

// eslint-disable-next-line no-restricted-syntax -- set by scripts/run.ts for this run
const { E2E_LIMITS_BASE_URL, E2E_PROXIED_BASE_URL } = process.env;
const IP_LIMIT = 3;

async function server(baseURL: string | undefined): Promise<APIRequestContext> {
  if (!baseURL)
    throw new Error("E2E_LIMITS_BASE_URL / E2E_PROXIED_BASE_URL are set by scripts/run.ts");
  return playwrightRequest.newContext({ baseURL });
}

let counter = 0;
/** A failed token sign-in with a fresh email each time, so only the per-IP limit can refuse it. */
async function failedSignIn(api: APIRequestContext, forwardedFor: string): Promise<number> {
  counter += 1;
  const res = await api.post("/api/auth/token", {
    headers: { "x-forwarded-for": forwardedFor },
    data: { email: `ip-${Date.now()}-${counter}@example.test`, password: "wrong password" },
  });
  return res.status();
}

async function sessionIp(api: APIRequestContext, forwardedFor: string): Promise<string> {
  const login = await api.post("/api/auth/token", {
    headers: { "x-forwarded-for": forwardedFor },
    data: DEMO,
  });
  expect(login.status()).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const list = await api.get("/api/trpc/session.list", {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect(list.status()).toBe(200);
  const sessions = (
    (await list.json()) as { result: { data: { json: { current: boolean; ip: string }[] } } }
  ).result.data.json;
  const current = sessions.find((session) => session.current);
  if (!current) throw new Error("the token's session is not in the list");
  return current.ip;
}

test("no trusted proxy: a new X-Forwarded-For per request does not reset the per-IP limit", async () => {
  const api = await server(E2E_LIMITS_BASE_URL);
  for (let i = 1; i <= IP_LIMIT; i++) {
    expect(await failedSignIn(api, `198.51.100.${i}`)).toBe(401);
  }
  // The limit counts the socket's address; the forged header changes nothing.
  expect(await failedSignIn(api, "198.51.100.200")).toBe(429);
  expect(await failedSignIn(api, "203.0.113.201, 198.51.100.201")).toBe(429);
  await api.dispose();
});

test("no trusted proxy: the session records the socket address, not X-Forwarded-For", async ({
  baseURL,
}) => {
  const api = await server(baseURL);
  const ip = await sessionIp(api, "203.0.113.50");
  expect(["127.0.0.1", "::1"]).toContain(ip);
  await api.dispose();
});

test("behind a trusted proxy: the address it appended is the client, for limits and sessions", async () => {
  const api = await server(E2E_PROXIED_BASE_URL);
  // The test plays the proxy on loopback: it appends the client's address as the last entry.
  const client = `203.0.113.${10 + Math.floor(Math.random() * 200)}`;
  for (let i = 1; i <= IP_LIMIT; i++) {
    // Whatever the client itself put before it changes nothing.
    expect(await failedSignIn(api, `10.${i}.0.1, ${client}`)).toBe(401);
  }
  expect(await failedSignIn(api, `10.99.0.1, ${client}`)).toBe(429);
  // Another client behind the same proxy has its own budget.
  expect(await failedSignIn(api, "198.51.100.77")).toBe(401);
  expect(await sessionIp(api, "1.1.1.1, 198.51.100.78")).toBe("198.51.100.78");
  await api.dispose();
});
