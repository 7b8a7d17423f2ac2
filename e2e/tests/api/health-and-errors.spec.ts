import { expect, test } from "@playwright/test";

import { signInApi } from "../../support/auth";

const trpcGet = (path: string, json: unknown) =>
  `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json }))}`;

test("health is liveness only and ready reports the database as reachable", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ok", checks: { database: { ok: true } } });
});

test("tRPC refuses anonymous tenant calls with 401, not data", async ({ request }) => {
  const res = await request.get(trpcGet("project.list", {}));
  expect(res.status()).toBe(401);
  const body = (await res.json()) as { error: { json: { data: { code: string } } } };
  expect(body.error.json.data.code).toBe("UNAUTHORIZED");
});

test("bad input from a signed-in user is a 400 with field errors, never a 500", async ({
  request,
}) => {
  await signInApi(request);

  const malformed = await request.get(
    "/api/trpc/project.get?input=" + encodeURIComponent("{not json"),
  );
  expect(malformed.status()).toBe(400);

  const invalid = await request.get(trpcGet("project.list", { limit: 5000 }));
  expect(invalid.status()).toBe(400);
  const body = (await invalid.json()) as {
    error: {
      json: { data: { code: string; zodError: { fieldErrors: Record<string, string[]> } } };
    };
  };
  expect(body.error.json.data.code).toBe("BAD_REQUEST");
  expect(body.error.json.data.zodError.fieldErrors.limit?.length).toBe(1);

  const notFound = await request.get(
    trpcGet("project.get", { id: "0190f5c4-7b7e-7d3a-9a9a-1a2b3c4d5e6f" }),
  );
  expect(notFound.status()).toBe(404);

  const listed = await request.get(trpcGet("project.list", { limit: 2 }));
  expect(listed.status()).toBe(200);
  const page = (await listed.json()) as {
    result: { data: { json: { items: unknown[]; nextCursor: string } } };
  };
  expect(page.result.data.json.items).toHaveLength(2);
  expect(page.result.data.json.nextCursor).toEqual(expect.any(String));
});

test("the API sends no wildcard CORS header", async ({ request }) => {
  const res = await request.get("/api/health", { headers: { Origin: "https://evil.example" } });
  expect(res.headers()["access-control-allow-origin"]).toBeUndefined();
});
