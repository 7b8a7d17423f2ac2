// The failures of an unavailable database, produced for real — a proxy in front of the test server that goes down,
// answers "starting up" or hangs, a statement timeout, a terminated backend — are recognised on every path Prisma
// reports them (model query, raw query, interactive transaction); application errors are not.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "./client.ts";
import type { DatabaseProxy, DatabaseProxyMode, TestDatabase } from "./testing/index.ts";
import { createDb } from "./client.ts";
import { newId } from "./id.ts";
import { withTenantTransaction } from "./tenant.ts";
import { startDatabaseProxy } from "./testing/database-proxy.ts";
import { availableBackends, provisionTestDatabase } from "./testing/index.ts";
import { isDatabaseUnavailable } from "./unavailable.ts";

/** Runs the three kinds of call and returns what each threw ("ok" when it succeeded). */
async function outcomes(db: Db) {
  const settle = (call: () => Promise<unknown>) =>
    call().then(
      () => "ok" as const,
      (error: unknown) => error,
    );
  return {
    model: await settle(() => db.user.findFirst({ select: { id: true } })),
    raw: await settle(() => db.$queryRaw`SELECT 1`),
    transaction: await settle(() =>
      withTenantTransaction(db, { userId: newId() }, (tx) => tx.user.count()),
    ),
  };
}

const recognised = (results: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(results).map(([call, result]) => [
      call,
      result === "ok" ? "ok" : isDatabaseUnavailable(result),
    ]),
  );

describe.each(availableBackends())("an unavailable database (%s)", (backend) => {
  let database: TestDatabase;
  let proxy: DatabaseProxy;
  let db: Db;
  let direct: Db;
  let admin: pg.Pool;

  beforeAll(async () => {
    database = await provisionTestDatabase({ label: "unavailable", backend });
    proxy = await startDatabaseProxy(database.appUrl);
    db = createDb({
      connectionString: proxy.url,
      poolMax: 2,
      connectTimeoutMs: 500,
      transactionMaxWaitMs: 1_000,
    });
    direct = createDb({ connectionString: database.appUrl, poolMax: 2, statementTimeoutMs: 200 });
    admin = new pg.Pool({ connectionString: database.adminUrl, max: 1 });
  });

  afterAll(async () => {
    await db.$disconnect();
    await direct.$disconnect();
    await admin.end();
    await proxy.close();
    await database.drop();
  });

  it.each<DatabaseProxyMode>(["down", "starting-up", "unresponsive"])(
    "is recognised while the server is %s, and the same client recovers afterwards",
    async (mode) => {
      // Pooled connections exist when the trouble starts, as in a running app.
      expect(recognised(await outcomes(db))).toEqual({ model: "ok", raw: "ok", transaction: "ok" });
      await proxy.setMode(mode);
      expect(recognised(await outcomes(db))).toEqual({ model: true, raw: true, transaction: true });
      await proxy.setMode("forward");
      expect(recognised(await outcomes(db))).toEqual({ model: "ok", raw: "ok", transaction: "ok" });
    },
  );

  if (backend === "server") {
    it("recognises a statement PostgreSQL cancelled for its statement_timeout", async () => {
      const error: unknown = await direct.$executeRaw`SELECT pg_sleep(1)`.catch((e: unknown) => e);
      expect(error).toMatchObject({
        meta: { driverAdapterError: { cause: { originalCode: "57014" } } },
      });
      expect(isDatabaseUnavailable(error)).toBe(true);
    });

    it("recognises a connection whose backend was terminated mid-transaction", async () => {
      const error: unknown = await withTenantTransaction(
        direct,
        { userId: newId() },
        async (tx) => {
          const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
          await admin.query("SELECT pg_terminate_backend($1)", [row?.pid]);
          return tx.user.count();
        },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(error)).toBe(true);
    });
  }

  it("does not take application errors for an outage", async () => {
    const email = `${newId()}@example.test`;
    await direct.user.create({ data: { email, name: "first" } });
    const failures: unknown[] = await Promise.all([
      direct.user.create({ data: { email, name: "duplicate" } }).catch((e: unknown) => e),
      direct.$queryRawUnsafe("SELEC 1").catch((e: unknown) => e),
      direct.$queryRaw`SELECT 1 / 0`.catch((e: unknown) => e),
      direct.user
        .findFirst({ where: { nope: 1 } as unknown as { id: string } })
        .catch((e: unknown) => e),
    ]);
    expect(failures.map((e) => (e as { code?: unknown }).code)).toEqual([
      "P2002",
      "P2010",
      "P2010",
      undefined,
    ]);
    expect(failures.map(isDatabaseUnavailable)).toEqual([false, false, false, false]);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it("looks through wrapping errors", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
      code: "ECONNREFUSED",
    });
    expect(isDatabaseUnavailable(new Error("request failed", { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused], "all addresses failed"))).toBe(true);
  });
});
