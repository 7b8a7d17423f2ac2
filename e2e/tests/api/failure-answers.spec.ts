// What the production build answers when the failure is not the caller's, over real HTTP. A second server — its own
// process and database — reaches PostgreSQL through a proxy this spec takes down, makes answer "starting up" or
// hangs (the shared server itself is never touched). Every answer must then be 503 with Retry-After and no trace of
// the database (no ORM text, no host or port), service must resume when the database does, an internal error must be
// a generic 500 naming the request id while the details go to the server log only, and a plan's API quota must
// answer 429 with Retry-After on tRPC and REST even when a server-rendered page created the quota first.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, request as playwrightRequest, test } from "@playwright/test";

import type { DatabaseProxy, DatabaseProxyMode, TestDatabase } from "@tenantry/db/testing";
import { provisionTestDatabase, startDatabaseProxy } from "@tenantry/db/testing";

import type { AppServer } from "../../support/server";
import { DEMO, signInApi } from "../../support/auth";
import { seedDatabase, startAppServer } from "../../support/server";

test.describe.configure({ mode: "serial" });

let database: TestDatabase;
let proxy: DatabaseProxy;
let server: AppServer;
/** Signed in with the demo user's cookie session. */
let browserLike: APIRequestContext;
let authorization: string;

const MISSING_ATTACHMENT = "0190f5c4-7b7e-7d3a-9a9a-1a2b3c4d5e6f";
const trpcGet = (procedure: string, input: unknown = {}) =>
  `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = await provisionTestDatabase({ label: "e2e_failures" });
  await seedDatabase(database.adminUrl);
  proxy = await startDatabaseProxy(database.appUrl);
  // A short connect timeout keeps the "unresponsive" case quick (the default waits 5 s per request).
  server = await startAppServer({
    databaseUrl: proxy.url,
    env: { DATABASE_CONNECT_TIMEOUT_MS: "1000" },
  });
  browserLike = await playwrightRequest.newContext({ baseURL: server.baseUrl });
  await signInApi(browserLike);
  const login = await browserLike.post("/api/auth/token", {
    data: { email: DEMO.email, password: DEMO.password },
  });
  expect(login.status()).toBe(200);
  authorization = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
});

test.afterAll(async () => {
  await browserLike.dispose();
  await server.stop();
  await proxy.close();
  await database.drop();
});

/** Nothing of the database may show: ORM wording, driver wording, SQLSTATEs, the host or either port. */
function expectNoDatabaseDetail(body: string) {
  expect(body).not.toMatch(
    /prisma|invocation|database server|starting up|57P03|connection terminated|ECONN|permission denied|127\.0\.0\.1/i,
  );
  expect(body).not.toContain(`:${proxy.port}`);
  expect(body).not.toContain(`:${new URL(database.appUrl).port || "5432"}`);
}

const requestIdOf = (response: APIResponse) => response.headers()["x-request-id"] ?? "";

test("a plan's exhausted API quota answers 429 with Retry-After on tRPC and on the REST download, even after a rendered page created the quota", async () => {
  // Before any metered call in this fresh server: the plan page creates the process-wide quota in the
  // server-component layer's module instance, whose classes the API routes' instance does not share.
  const slug = `quota-${Date.now().toString(36)}`;
  const created = await browserLike.post("/api/trpc/organization.create", {
    headers: { authorization },
    data: { json: { name: "Quota", slug } },
  });
  expect(created.status()).toBe(200);
  expect((await browserLike.get(`/o/${slug}/settings/plan`)).status()).toBe(200);

  const usage = () =>
    browserLike.get("/api/trpc/plan.usage", { headers: { authorization, "x-tenantry-org": slug } });
  const first = await usage();
  const { limits } = (
    (await first.json()) as {
      result: { data: { json: { limits: { rateLimitPerMinute: number } } } };
    }
  ).result.data.json;
  for (let i = 1; i < limits.rateLimitPerMinute; i += 1) expect((await usage()).status()).toBe(200);

  const refused = await usage();
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect(Number(refused.headers()["retry-after"])).toBeLessThanOrEqual(60);
  expect(
    ((await refused.json()) as { error: { json: { data: { code: string } } } }).error.json.data
      .code,
  ).toBe("TOO_MANY_REQUESTS");

  const download = await browserLike.get(`/api/v1/attachments/${MISSING_ATTACHMENT}?org=${slug}`, {
    headers: { authorization },
  });
  expect(download.status()).toBe(429);
  expect(Number(download.headers()["retry-after"])).toBeGreaterThan(0);
  // REST answers RFC 7807 problems (docs/rest-api.md).
  expect(await download.json()).toMatchObject({
    status: 429,
    detail: expect.stringContaining("API requests per minute"),
    requestId: requestIdOf(download),
  });
});

/** The calls a client makes, each with what it answers when the database works. */
function calls(api: APIRequestContext) {
  const bearer = { authorization, "x-tenantry-org": "acme" };
  return {
    "tRPC query, cookie session": {
      send: () => api.get(trpcGet("project.list")),
      healthy: 200,
    },
    "tRPC batch, bearer token": {
      send: () =>
        api.get("/api/trpc/plan.usage,tag.list?batch=1&input=%7B%7D", { headers: bearer }),
      healthy: 200,
    },
    "tRPC mutation, bearer token": {
      send: () =>
        api.post("/api/trpc/tag.create", {
          headers: bearer,
          data: { json: { name: `t-${Date.now().toString(36)}`, color: "#336699" } },
        }),
      healthy: 200,
    },
    "REST attachment download": {
      send: () =>
        api.get(`/api/v1/attachments/${MISSING_ATTACHMENT}?org=acme`, { headers: bearer }),
      healthy: 404,
    },
    "token login": {
      send: () =>
        api.post("/api/auth/token", { data: { email: DEMO.email, password: DEMO.password } }),
      healthy: 200,
    },
    "readiness check": { send: () => api.get("/api/ready"), healthy: 200 },
  };
}

for (const mode of ["down", "starting-up", "unresponsive"] satisfies DatabaseProxyMode[]) {
  test(`while PostgreSQL is ${mode}, every API call answers 503 with Retry-After and no database detail, then service resumes`, async () => {
    test.setTimeout(90_000);
    await proxy.setMode(mode);
    const failed: string[] = [];
    try {
      for (const [name, call] of Object.entries(calls(browserLike))) {
        const response = await call.send();
        const body = await response.text();
        expect.soft(response.status(), `${name}: ${body}`).toBe(503);
        expect.soft(response.headers()["retry-after"], name).toBe("5");
        expect.soft(requestIdOf(response), name).not.toBe("");
        expectNoDatabaseDetail(body);
        expect.soft(body, name).toMatch(/temporarily unavailable|"unavailable"/);
        failed.push(requestIdOf(response));
      }
      // An outage is not a sign-out: next-auth's session endpoint keeps the cookie.
      const session = await browserLike.get("/api/auth/session");
      expect(session.headers()["set-cookie"] ?? "").not.toMatch(/session-token=;/);
      // A page needing the database shows the error page instead (Next.js answers it with 500).
      const page = await browserLike.get("/o/acme/projects");
      expect(page.status()).toBeGreaterThanOrEqual(500);
      expectNoDatabaseDetail(await page.text());
    } finally {
      await proxy.setMode("forward");
    }
    // The details are in the server log, under the ids the answers carried.
    const logs = server.logs();
    for (const id of failed.slice(0, 5)) expect(logs).toContain(id);

    // Back: the same clients work again (the cookie session was kept through the outage).
    for (const [name, call] of Object.entries(calls(browserLike))) {
      const response = await call.send();
      expect(response.status(), `${name} after recovery: ${await response.text()}`).toBe(
        call.healthy,
      );
      expect(requestIdOf(response), name).not.toBe("");
    }
    expect((await browserLike.get("/o/acme/projects")).status()).toBe(200);
  });
}

test("a page that needs the database shows the error page while it is down", async ({
  browser,
}) => {
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    storageState: await browserLike.storageState(),
  });
  const page = await context.newPage();
  await proxy.setMode("down");
  try {
    await page.goto("/o/acme/projects");
    // The app's error view (Next.js keeps a second, empty alert region for route announcements).
    const alert = page.getByRole("alert").filter({ hasText: "Something went wrong" });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("Reference:");
    expectNoDatabaseDetail(await page.content());
  } finally {
    await proxy.setMode("forward");
    await context.close();
  }
});

test("an internal error answers a generic 500 with the request id, on tRPC and REST; the details go to the server log", async () => {
  // A migration that forgot a GRANT: the application role can no longer read two tables.
  await database.exec("REVOKE SELECT ON TABLE tags, task_attachments FROM tenantry_app");
  try {
    const bearer = { authorization, "x-tenantry-org": "acme" };
    const trpc = await browserLike.get(trpcGet("tag.list"), {
      headers: { ...bearer, "x-request-id": "e2e-internal-tags" },
    });
    const trpcBody = await trpc.text();
    expect(trpc.status()).toBe(500);
    expect(requestIdOf(trpc)).toBe("e2e-internal-tags");
    expect(JSON.parse(trpcBody)).toMatchObject({
      error: {
        json: {
          message: "Something went wrong on our side. Reference: e2e-internal-tags",
          data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500, requestId: "e2e-internal-tags" },
        },
      },
    });
    expectNoDatabaseDetail(trpcBody);

    // An id that is not safe to echo is replaced by a fresh one.
    const rest = await browserLike.get(`/api/v1/attachments/${MISSING_ATTACHMENT}?org=acme`, {
      headers: { ...bearer, "x-request-id": "not a safe id" },
    });
    const restBody = await rest.text();
    const generated = requestIdOf(rest);
    expect(rest.status()).toBe(500);
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(restBody)).toMatchObject({
      status: 500,
      detail: `Something went wrong on our side. Reference: ${generated}`,
      requestId: generated,
    });
    expectNoDatabaseDetail(restBody);

    const logs = server.logs();
    // JSON lines (pino): the failure's line carries the request id and the error it hid from the caller.
    expect(logs).toContain('"requestId":"e2e-internal-tags"');
    expect(logs).toContain("permission denied for table tags");
    expect(logs).toContain(`"requestId":"${generated}"`);
    expect(logs).toContain("permission denied for table task_attachments");
  } finally {
    await database.exec("GRANT SELECT ON TABLE tags, task_attachments TO tenantry_app");
  }
});
