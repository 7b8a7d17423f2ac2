// Token login for non-browser clients: POST /api/auth/token, /refresh (rotation + reuse detection), /logout, the
// bearer token on the tRPC API, and 429 + Retry-After past the failed-attempt limit.
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { DEMO } from "../../support/auth";

interface TokenPair {
  tokenType: string;
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

async function login(request: APIRequestContext): Promise<TokenPair> {
  const res = await request.post("/api/auth/token", {
    data: { email: DEMO.email, password: DEMO.password },
  });
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toContain("no-store");
  return (await res.json()) as TokenPair;
}

async function me(request: APIRequestContext, accessToken: string) {
  return request.get("/api/trpc/account.me", {
    headers: { authorization: `Bearer ${accessToken}` },
  });
}

test("credentials give a ≤15-minute access token that the tRPC API accepts", async ({
  request,
}) => {
  const tokens = await login(request);
  expect(tokens.tokenType).toBe("Bearer");
  expect(tokens.expiresIn).toBeGreaterThan(0);
  expect(tokens.expiresIn).toBeLessThanOrEqual(900);
  expect(tokens.refreshToken.length).toBeGreaterThan(30);

  const res = await me(request, tokens.accessToken);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { result: { data: { json: { email: string } } } };
  expect(body.result.data.json.email).toBe(DEMO.email);

  expect((await me(request, "not-a-token")).status()).toBe(401);
  expect((await request.get("/api/trpc/account.me")).status()).toBe(401);
});

test("refresh rotates; reusing an old refresh token revokes the whole family", async ({
  request,
}) => {
  const first = await login(request);
  const r1 = await request.post("/api/auth/token/refresh", {
    data: { refreshToken: first.refreshToken },
  });
  expect(r1.status()).toBe(200);
  const second = (await r1.json()) as TokenPair;
  expect(second.refreshToken).not.toBe(first.refreshToken);
  expect((await me(request, second.accessToken)).status()).toBe(200);

  // The grace period for concurrent refreshes is 10 s by default; wait it out, then replay the first token.
  await new Promise((r) => setTimeout(r, 11_000));
  const replay = await request.post("/api/auth/token/refresh", {
    data: { refreshToken: first.refreshToken },
  });
  expect(replay.status()).toBe(401);
  expect(((await replay.json()) as { error: string }).error).toBe("invalid_grant");

  const afterReuse = await request.post("/api/auth/token/refresh", {
    data: { refreshToken: second.refreshToken },
  });
  expect(afterReuse.status()).toBe(401);
  expect((await me(request, second.accessToken)).status()).toBe(401);
});

test("logout revokes the family", async ({ request }) => {
  const tokens = await login(request);
  const out = await request.post("/api/auth/token/logout", {
    data: { refreshToken: tokens.refreshToken },
  });
  expect(out.status()).toBe(204);
  expect((await me(request, tokens.accessToken)).status()).toBe(401);
  const refresh = await request.post("/api/auth/token/refresh", {
    data: { refreshToken: tokens.refreshToken },
  });
  expect(refresh.status()).toBe(401);
});

test("wrong credentials get 401, and past the limit 429 with Retry-After", async ({ request }) => {
  // An address of its own: the limit counts per account whether or not the account exists.
  const email = `brute-${Date.now()}@example.test`;
  for (let i = 0; i < 5; i++) {
    const res = await request.post("/api/auth/token", {
      data: { email, password: `guess-${i}` },
    });
    expect(res.status()).toBe(401);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_credentials");
  }
  const limited = await request.post("/api/auth/token", {
    data: { email, password: "guess-final" },
  });
  expect(limited.status()).toBe(429);
  const retryAfter = Number(limited.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(900);
  const body = (await limited.json()) as { error: string; retryAfterSeconds: number };
  expect(body).toMatchObject({ error: "too_many_attempts", retryAfterSeconds: retryAfter });
});

test("the token endpoint wants JSON and validates it", async ({ request }) => {
  const form = await request.post("/api/auth/token", {
    form: { email: DEMO.email, password: DEMO.password },
  });
  expect(form.status()).toBe(415);
  const bad = await request.post("/api/auth/token", { data: { email: "nope" } });
  expect(bad.status()).toBe(400);
  // next-auth's own routes still work beside the static token routes.
  expect((await request.get("/api/auth/csrf")).status()).toBe(200);
});
