// The REST API against the production build: token login and bearer calls under /api/v1, cursor pages with a Link
// header, Idempotency-Key replay, RFC 7807 problems carrying the request id, the cookie session only same-origin,
// the generated OpenAPI document and the offline API reference page.
import { expect, request as playwrightRequest, test } from "@playwright/test";

import { DEMO, sameOrigin, signInApi } from "../../support/auth";

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

async function bearer(baseURL: string | undefined) {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const login = await ctx.post("/api/v1/auth/token", { data: DEMO });
  expect(login.status()).toBe(200);
  const tokens = (await login.json()) as Tokens;
  return { ctx, tokens, auth: { authorization: `Bearer ${tokens.accessToken}` } };
}

test("bearer tokens: me, projects, tasks with pages, Link header and idempotent creation", async ({
  baseURL,
}) => {
  const { ctx, auth, tokens } = await bearer(baseURL);
  const me = await ctx.get("/api/v1/auth/me", { headers: auth });
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { email: string }).email).toBe(DEMO.email);

  const projects = await ctx.get("/api/v1/projects?limit=1", { headers: auth });
  expect(projects.status()).toBe(200);
  const page = (await projects.json()) as { items: { id: string }[]; next_cursor: string | null };
  expect(page.items).toHaveLength(1);
  const projectId = page.items[0]?.id ?? "";

  const key = `e2e-${Date.now()}`;
  const create = () =>
    ctx.post("/api/v1/tasks", {
      headers: { ...auth, "idempotency-key": key },
      data: { projectId, title: `REST e2e ${key}` },
    });
  const first = await create();
  expect(first.status()).toBe(201);
  const again = await create();
  expect(again.status()).toBe(201);
  expect(again.headers()["idempotent-replayed"]).toBe("true");
  expect(await again.text()).toBe(await first.text());
  const mismatch = await ctx.post("/api/v1/tasks", {
    headers: { ...auth, "idempotency-key": key },
    data: { projectId, title: "something else" },
  });
  expect(mismatch.status()).toBe(422);

  const tasks = await ctx.get(`/api/v1/tasks?projectId=${projectId}&limit=1`, { headers: auth });
  expect(tasks.status()).toBe(200);
  const link = tasks.headers().link ?? "";
  expect(link).toMatch(/^<\/api\/v1\/tasks\?.*cursor=.*>; rel="next"$/);
  const nextUrl = /^<([^>]+)>/.exec(link)?.[1] ?? "";
  expect((await ctx.get(nextUrl, { headers: auth })).status()).toBe(200);

  const logout = await ctx.post("/api/v1/auth/logout", {
    data: { refreshToken: tokens.refreshToken },
  });
  expect(logout.status()).toBe(204);
  await ctx.dispose();
});

test("errors are RFC 7807 problems with the request id", async ({ request }) => {
  const anonymous = await request.get("/api/v1/tasks");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["content-type"]).toBe("application/problem+json");
  const problem = (await anonymous.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({
    status: 401,
    title: "Authentication required",
    instance: "/api/v1/tasks",
  });
  expect(problem.requestId).toBe(anonymous.headers()["x-request-id"]);

  const bad = await request.post("/api/v1/auth/token", { data: { email: "nope" } });
  expect(bad.status()).toBe(422);
  const pointers = ((await bad.json()) as { errors: { pointer: string }[] }).errors.map(
    (e) => e.pointer,
  );
  expect(pointers).toContain("/email");
});

test("a cookie session works only same-origin for writes", async ({ request }) => {
  await signInApi(request);
  expect((await request.get("/api/v1/tags")).status()).toBe(200);
  const tag = { name: `rest-${Date.now()}`, color: "#1d4ed8" };
  const crossSite = await request.post("/api/v1/tags", {
    headers: { origin: "https://evil.example" },
    data: tag,
  });
  expect(crossSite.status()).toBe(403);
  expect(crossSite.headers()["content-type"]).toBe("application/problem+json");
  const sameSite = await request.post("/api/v1/tags", { headers: sameOrigin(), data: tag });
  expect(sameSite.status()).toBe(201);
});

test("the OpenAPI document and the offline reference page are served", async ({ request }) => {
  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  const body = (await doc.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(body.openapi).toBe("3.1.0");
  expect(Object.keys(body.paths)).toEqual(
    expect.arrayContaining(["/tasks", "/tasks/{id}", "/audit-log"]),
  );

  const page = await request.get("/api/docs");
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain('src="/api/docs/standalone.js"');
  expect(page.headers()["content-security-policy"]).toContain("script-src 'self'");
  const bundle = await request.get("/api/docs/standalone.js");
  expect(bundle.status()).toBe(200);
  expect(bundle.headers()["content-type"]).toContain("javascript");
  expect((await request.get("/api/docs/init.js")).status()).toBe(200);
});
