// The tenant transaction's settings travel with its BEGIN: one round trip fewer, and still in force before the
// transaction's first statement, on each of many concurrent transactions, and never on any other transaction.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "./client.ts";
import type { TenantDb } from "./tenant.ts";
import type { TestDatabase } from "./testing/index.ts";
import { createDb, poolOf } from "./client.ts";
import { env } from "./env.ts";
import { newId } from "./id.ts";
import { withTenantTransaction } from "./tenant.ts";
import { availableBackends, provisionTestDatabase } from "./testing/index.ts";
import { settingsSql } from "./transaction-prelude.ts";

interface Seen {
  role: string;
  userId: string;
  orgId: string;
  memberRole: string;
}

/** What the transaction's first statement sees: the role and the tenant settings. */
const seenBy = async (tx: TenantDb | Db): Promise<Seen> => {
  const [row] = await tx.$queryRaw<Seen[]>`
    SELECT current_user::text AS role, current_setting('app.user_id', true) AS "userId",
           current_setting('app.org_id', true) AS "orgId", current_setting('app.role', true) AS "memberRole"`;
  if (!row) throw new Error("no row");
  return row;
};

describe("settingsSql", () => {
  it("writes plain names and values as SQL text and refuses anything else", () => {
    const id = newId();
    expect(settingsSql([["app.user_id", id]])).toBe(
      `SELECT set_config('app.user_id', '${id}', true)`,
    );
    expect(settingsSql([["app.user_id", "x'; DROP TABLE users; --"]])).toBeNull();
    expect(settingsSql([["app.role", "OWNER\\"]])).toBeNull();
    expect(settingsSql([["bad name", "x"]])).toBeNull();
    expect(settingsSql([])).toBeNull();
  });
});

describe.each(availableBackends())("a tenant transaction's settings (%s)", (backend) => {
  let database: TestDatabase;
  let db: Db;
  /** The statements the connections were asked to run, in order (each one round trip). */
  const sent: string[] = [];

  beforeAll(async () => {
    database = await provisionTestDatabase({ label: "prelude", backend });
    db = createDb({ connectionString: database.appUrl, poolMax: 3 });
    // Registered after createPool's own listener: sees what the code asks for, before BEGIN gains the settings.
    poolOf(db)?.on("connect", (client: pg.PoolClient) => {
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      client.query = ((...args: unknown[]) => {
        const [config] = args;
        sent.push(typeof config === "string" ? config : String((config as { text: unknown }).text));
        return query(...args);
      }) as typeof client.query;
    });
  }, 120_000);

  afterAll(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("sends BEGIN with the settings: the first statement already runs as the tenant", async () => {
    const userId = newId();
    const orgId = newId();
    sent.length = 0;
    const seen = await withTenantTransaction(
      db,
      { userId, organizationId: orgId, role: "ADMIN" },
      seenBy,
    );
    expect(seen).toEqual({ role: env.DATABASE_APP_ROLE, userId, orgId, memberRole: "ADMIN" });
    // BEGIN (carrying the settings), the callback's statement, COMMIT: no statement of its own for the settings.
    expect(sent).toHaveLength(3);
    expect(sent[0]).toBe("BEGIN");
    expect(sent[2]).toBe("COMMIT");
    // Transaction-local: the connection, back in the pool, carries neither the role nor the tenant.
    const after = await seenBy(db);
    expect(after.role).not.toBe(env.DATABASE_APP_ROLE);
    expect([after.userId, after.orgId]).toEqual(["", ""]);
  });

  it("sends values it cannot write as plain SQL text as a parameterised statement of their own", async () => {
    const userId = "not a uuid: o'brien";
    sent.length = 0;
    const seen = await withTenantTransaction(db, { userId }, seenBy);
    expect(seen).toMatchObject({ role: env.DATABASE_APP_ROLE, userId });
    expect(sent).toHaveLength(4);
    expect(sent[1]).toMatch(/set_config\(\$1, \$2, true\)/);
  });

  it("gives each of 20 concurrent transactions its own settings, also when they queue for a connection", async () => {
    const scopes = Array.from({ length: 20 }, () => ({ userId: newId(), organizationId: newId() }));
    const seen = await Promise.all(
      scopes.map((scope) =>
        withTenantTransaction(db, { ...scope, role: "MEMBER" }, async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          return seenBy(tx);
        }),
      ),
    );
    expect(seen).toEqual(
      scopes.map((scope) => ({
        role: env.DATABASE_APP_ROLE,
        userId: scope.userId,
        orgId: scope.organizationId,
        memberRole: "MEMBER",
      })),
    );
  });

  it("never hands its settings to another transaction started inside it", async () => {
    const userId = newId();
    // Started from inside the tenant transaction's callback, so in its async context; awaited once it ended (the
    // embedded PGlite runs one transaction at a time).
    let started: Promise<Seen> | undefined;
    await withTenantTransaction(db, { userId }, async () => {
      started = db.$transaction((other) => seenBy(other));
      await Promise.resolve();
    });
    if (!started) throw new Error("not started");
    const nested = await started;
    expect(nested.role).not.toBe(env.DATABASE_APP_ROLE);
    expect(nested.userId).toBe("");
  });
});
