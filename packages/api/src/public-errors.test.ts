// What callers are told when a call fails for reasons that are not theirs: an unavailable database is
// SERVICE_UNAVAILABLE with a generic message, an internal error a generic 500 quoting the request id. The ORM's text
// (query, invocation, database host and port) reaches no caller: not an in-process one (pages, server actions), not
// one over HTTP. Both failures are real: a proxy in front of the test database that goes down, and a database in
// which the application role lacks a privilege (a migration that forgot a GRANT).
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "@tenantry/db";
import type { DatabaseProxy, TestDatabase } from "@tenantry/db/testing";
import { createDb, newId } from "@tenantry/db";
import { provisionTestDatabase, startDatabaseProxy } from "@tenantry/db/testing";

import { appUrl, createTenant, sessionOf, db as testDb } from "../test/fixtures.ts";
import { appRouter, createCaller, createInnerTRPCContext } from "./index.ts";
import { INTERNAL_MESSAGE, UNAVAILABLE_MESSAGE } from "./public-errors.ts";
import { requestIdFrom } from "./request-id.ts";

type Session = ReturnType<typeof sessionOf>;

/** A tRPC HTTP request through the real fetch adapter (and so the real error formatter). */
async function overHttp(
  db: Db,
  session: Session,
  organization: string,
  path: string,
  input: unknown = {},
) {
  const query = encodeURIComponent(JSON.stringify({ json: input }));
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    router: appRouter,
    req: new Request(`http://localhost/api/trpc/${path}?input=${query}`),
    createContext: () =>
      createInnerTRPCContext({ db, session, organization, requestId: "req-test-1" }),
  });
  const text = await response.text();
  const body = JSON.parse(text) as {
    error: {
      json: {
        message: string;
        data: { code: string; httpStatus: number; requestId: string | null; zodError: unknown };
      };
    };
  };
  return { status: response.status, text, error: body.error.json };
}

/** Words only the ORM's or the database's own messages contain. */
const DATABASE_TEXT =
  /prisma|invocation|database server|permission denied|42501|P\d{4}|127\.0\.0\.1/i;

describe("an unavailable database", () => {
  let proxy: DatabaseProxy;
  let proxied: Db;

  beforeAll(async () => {
    proxy = await startDatabaseProxy(appUrl);
    proxied = createDb({
      connectionString: proxy.url,
      poolMax: 2,
      connectTimeoutMs: 500,
      transactionMaxWaitMs: 1_000,
    });
  });

  afterAll(async () => {
    await proxied.$disconnect();
    await proxy.close();
  });

  it("is SERVICE_UNAVAILABLE with a generic message, for callers and over HTTP, until it is back", async () => {
    const { org, user } = await createTenant("Outage");
    const caller = () =>
      createCaller(
        createInnerTRPCContext({ db: proxied, session: sessionOf(user), organization: org.id }),
      );
    await expect(caller().project.list({})).resolves.toMatchObject({ items: [] });

    await proxy.setMode("down");
    const refused: unknown = await caller()
      .project.list({})
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE });
    // What the driver said (a cut connection, or no server at host:port) is kept as the cause, for the log.
    expect(String((refused as Error).cause)).toMatch(
      new RegExp(`Connection terminated|127\\.0\\.0\\.1:${proxy.port}`),
    );

    const http = await overHttp(proxied, sessionOf(user), org.id, "project.list");
    expect(http.status).toBe(503);
    expect(http.error).toMatchObject({
      message: UNAVAILABLE_MESSAGE,
      data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503, requestId: "req-test-1" },
    });
    expect(http.text).not.toMatch(DATABASE_TEXT);
    expect(http.text).not.toContain(String(proxy.port));

    await proxy.setMode("forward");
    await expect(caller().project.list({})).resolves.toMatchObject({ items: [] });
  });
});

describe("an internal error", () => {
  let database: TestDatabase;
  let admin: pg.Pool;
  let db: Db;
  const user = { id: newId(), email: `${newId()}@example.test`, name: "Ivy Internal" };
  const org = { id: newId(), slug: `int-${newId().slice(-12)}` };

  beforeAll(async () => {
    database = await provisionTestDatabase({ label: "public_errors" });
    admin = new pg.Pool({ connectionString: database.adminUrl, max: 1 });
    await admin.query(
      `INSERT INTO users (id, email, name, updated_at) VALUES ($1, $2, $3, now())`,
      [user.id, user.email, user.name],
    );
    await admin.query(
      `INSERT INTO organizations (id, name, slug, updated_at) VALUES ($1, 'Internal', $2, now())`,
      [org.id, org.slug],
    );
    await admin.query(
      `INSERT INTO memberships (id, organization_id, user_id, role, updated_at)
       VALUES ($1, $2, $3, 'OWNER', now())`,
      [newId(), org.id, user.id],
    );
    // The tenant transaction runs as tenantry_app, which can no longer read tags.
    await admin.query(`REVOKE SELECT ON TABLE tags FROM tenantry_app`);
    db = createDb({ connectionString: database.appUrl, poolMax: 2 });
  });

  afterAll(async () => {
    await db.$disconnect();
    await admin.end();
    await database.drop();
  });

  it("answers a generic message with the request id, keeping the ORM's error as the cause", async () => {
    const caller = createCaller(
      createInnerTRPCContext({
        db,
        session: sessionOf(user),
        organization: org.id,
        requestId: "req-internal-7",
      }),
    );
    const failed: unknown = await caller.tag.list().catch((e: unknown) => e);
    expect(failed).toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
      message: `${INTERNAL_MESSAGE} Reference: req-internal-7`,
    });
    expect(String((failed as Error).cause)).toContain("permission denied for table tags");

    const http = await overHttp(db, sessionOf(user), org.id, "tag.list");
    expect(http.status).toBe(500);
    expect(http.error).toMatchObject({
      message: `${INTERNAL_MESSAGE} Reference: req-test-1`,
      data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500, requestId: "req-test-1" },
    });
    expect(http.text).not.toMatch(DATABASE_TEXT);
  });

  it("leaves the caller's own mistakes as they were: field errors in the zod shape forms read", async () => {
    const http = await overHttp(db, sessionOf(user), org.id, "project.list", { limit: 5000 });
    expect(http.status).toBe(400);
    expect(http.error.data).toMatchObject({
      code: "BAD_REQUEST",
      requestId: "req-test-1",
      zodError: { fieldErrors: { limit: [expect.any(String)] } },
    });
  });
});

describe("the request id", () => {
  it("keeps a proxy's or client's id that is safe to log and echo, and replaces any other", () => {
    const from = (value?: string) =>
      requestIdFrom(new Headers(value === undefined ? {} : { "x-request-id": value }));
    expect(from("edge-4f2a:17.3_x")).toBe("edge-4f2a:17.3_x");
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const unsafe of [
      undefined,
      "",
      "has space",
      "a".repeat(129),
      "-leading",
      'quote"d',
      "é",
    ]) {
      expect(from(unsafe)).toMatch(uuid);
    }
    expect(from("x")).toBe("x");
    expect(from("a".repeat(128))).toBe("a".repeat(128));
  });

  it("is in the context of every call, a fresh one unless the transport gives one", () => {
    const a = createInnerTRPCContext({ db: testDb, session: null });
    const b = createInnerTRPCContext({ db: testDb, session: null });
    expect(a.requestId).not.toBe(b.requestId);
    expect(createInnerTRPCContext({ db: testDb, session: null, requestId: "r-1" }).requestId).toBe(
      "r-1",
    );
  });
});
