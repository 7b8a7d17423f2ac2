// The plan's API rate for token clients over real HTTP: a new organization is on the FREE plan, so its 61st request
// within a minute answers 429 with the limit named and a Retry-After header, while another organization is unaffected.
import { expect, test } from "@playwright/test";

import { DEMO } from "../../support/auth";

test("a FREE organization's API clients get 429 + Retry-After past the per-minute rate", async ({
  request,
}) => {
  const login = await request.post("/api/auth/token", {
    data: { email: DEMO.email, password: DEMO.password },
  });
  expect(login.status()).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const authorization = `Bearer ${accessToken}`;

  const slug = `limits-${Date.now().toString(36)}`;
  const created = await request.post("/api/trpc/organization.create", {
    headers: { authorization },
    data: { json: { name: "Rate limited", slug } },
  });
  expect(created.status()).toBe(200);

  const usage = () =>
    request.get("/api/trpc/plan.usage", { headers: { authorization, "x-tenantry-org": slug } });
  const first = await usage();
  expect(first.status()).toBe(200);
  const body = (await first.json()) as {
    result: { data: { json: { plan: string; limits: { rateLimitPerMinute: number } } } };
  };
  expect(body.result.data.json.plan).toBe("FREE");
  const perMinute = body.result.data.json.limits.rateLimitPerMinute;

  for (let i = 1; i < perMinute; i += 1) expect((await usage()).status()).toBe(200);
  const refused = await usage();
  expect(refused.status()).toBe(429);
  const retryAfter = Number(refused.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  const error = (await refused.json()) as { error: { json: { message: string } } };
  expect(error.error.json.message).toContain(
    `The FREE plan allows ${perMinute} API requests per minute`,
  );

  // The token's session now works in the new organization (the last one it named), so a call naming none is
  // refused too; the demo user's other organization has its own budget.
  expect((await request.get("/api/trpc/plan.usage", { headers: { authorization } })).status()).toBe(
    429,
  );
  const acme = await request.get("/api/trpc/plan.usage", {
    headers: { authorization, "x-tenantry-org": "acme" },
  });
  expect(acme.status()).toBe(200);
});
