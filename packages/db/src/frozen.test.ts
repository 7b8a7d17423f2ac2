// A database that stops answering without going down (a frozen server, a black-holed network): the connections stay
// open, so no socket error ever comes and the server's statement_timeout cannot fire. The client's own bound
// (query_timeout, DATABASE_QUERY_TIMEOUT_MS) must end every call soon after the statement timeout, as an
// "unavailable" error the HTTP layers answer 503 — on a pooled connection that was open before the freeze and on a
// new one alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "./client.ts";
import type { DatabaseProxy, TestDatabase } from "./testing/index.ts";
import { createDb } from "./client.ts";
import { newId } from "./id.ts";
import { withTenantTransaction } from "./tenant.ts";
import { startDatabaseProxy } from "./testing/database-proxy.ts";
import { provisionTestDatabase } from "./testing/index.ts";
import { isDatabaseUnavailable } from "./unavailable.ts";

const STATEMENT_TIMEOUT_MS = 400;
const QUERY_TIMEOUT_MS = 800;
/** The bound asserted: the client timeout plus scheduling slack on a loaded machine. */
const BOUND_MS = QUERY_TIMEOUT_MS + 1_200;

let database: TestDatabase;
let proxy: DatabaseProxy;
let db: Db;

beforeAll(async () => {
  database = await provisionTestDatabase({ label: "frozen" });
  proxy = await startDatabaseProxy(database.appUrl);
  db = createDb({
    connectionString: proxy.url,
    poolMax: 2,
    connectTimeoutMs: QUERY_TIMEOUT_MS,
    statementTimeoutMs: STATEMENT_TIMEOUT_MS,
    queryTimeoutMs: QUERY_TIMEOUT_MS,
    transactionTimeoutMs: 5_000,
    transactionMaxWaitMs: 5_000,
  });
});
afterAll(async () => {
  await proxy.setMode("down");
  await db.$disconnect().catch(() => undefined);
  await proxy.close();
  await database.drop();
});

async function timed(call: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await call().then(
    () => null,
    (failure: unknown) => failure,
  );
  return { error, ms: performance.now() - started };
}

describe("a frozen database", () => {
  it("bounds raw queries and tenant transactions on connections opened before the freeze, as unavailable", async () => {
    // Both pooled connections open and idle, then the server stops answering on them.
    await Promise.all([
      db.$queryRaw`SELECT pg_sleep(0.05)::text`,
      db.$queryRaw`SELECT pg_sleep(0.05)::text`,
    ]);
    await proxy.setMode("frozen");

    const raw = await timed(() => db.$queryRaw`SELECT 1`);
    expect(raw.error).not.toBeNull();
    expect(isDatabaseUnavailable(raw.error)).toBe(true);
    expect(raw.ms).toBeLessThan(BOUND_MS);
    expect(raw.ms).toBeGreaterThanOrEqual(QUERY_TIMEOUT_MS - 50);

    const transaction = await timed(() =>
      withTenantTransaction(db, { userId: newId() }, (tx) => tx.user.count()),
    );
    expect(transaction.error).not.toBeNull();
    expect(isDatabaseUnavailable(transaction.error)).toBe(true);
    expect(transaction.ms).toBeLessThan(BOUND_MS);
  });

  it("bounds a call that needs a new connection while frozen", async () => {
    const fresh = createDb({
      connectionString: proxy.url,
      poolMax: 1,
      connectTimeoutMs: QUERY_TIMEOUT_MS,
      statementTimeoutMs: STATEMENT_TIMEOUT_MS,
      queryTimeoutMs: QUERY_TIMEOUT_MS,
    });
    try {
      const raw = await timed(() => fresh.$queryRaw`SELECT 1`);
      expect(isDatabaseUnavailable(raw.error)).toBe(true);
      expect(raw.ms).toBeLessThan(BOUND_MS);
    } finally {
      await fresh.$disconnect().catch(() => undefined);
    }
  });

  it("answers again once the database thaws", async () => {
    await proxy.setMode("forward");
    const fresh = createDb({ connectionString: proxy.url, poolMax: 1, queryTimeoutMs: 5_000 });
    try {
      await expect(fresh.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).resolves.toEqual([
        { one: 1 },
      ]);
    } finally {
      await fresh.$disconnect();
    }
  });
});
