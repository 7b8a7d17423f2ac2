// A tenant transaction that outlives its timeout must run nothing of its operation outside it. Proven from
// PostgreSQL's own state: a trigger records the transaction id, the role and the tenant user of every session row
// written, so a statement that escaped into autocommit after the ROLLBACK leaves a committed row of another
// transaction without the application role (the login role on a server, the superuser on the embedded PGlite).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "./client.ts";
import type { TenantDb } from "./tenant.ts";
import type { TestDatabase } from "./testing/index.ts";
import { createDb } from "./client.ts";
import { newId } from "./id.ts";
import { withTenantTransaction } from "./tenant.ts";
import { availableBackends, provisionTestDatabase } from "./testing/index.ts";

/**
 * The tenant transactions' timeout here (DATABASE_TRANSACTION_TIMEOUT_MS in production): long enough that a
 * transaction which should end in time does so on a loaded machine, short enough to keep the tests quick.
 */
const BUDGET_MS = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/**
 * One Prisma operation that is several statements: find the user, update it, insert a session for it, read it
 * back. The update is where the tests stall it; the insert is what must never run outside the transaction.
 */
const renameAndOpenSession = (tx: TenantDb, email: string, name: string) =>
  tx.user.upsert({
    where: { email },
    create: { email, name },
    update: { name, authSessions: { create: { expiresAt: new Date(Date.now() + 3_600_000) } } },
  });

/** The transaction's id and backend as PostgreSQL sees them. */
const inside = async (tx: TenantDb) => {
  const [row] = await tx.$queryRaw<{ xid: string; pid: number }[]>`
    SELECT txid_current()::text AS xid, pg_backend_pid() AS pid`;
  if (!row) throw new Error("no row");
  return row;
};

describe.each(availableBackends())("a tenant transaction past its timeout (%s)", (backend) => {
  let database: TestDatabase;
  let admin: pg.Pool;
  let db: Db;

  beforeAll(async () => {
    database = await provisionTestDatabase({ label: "tenant_timeout", backend });
    admin = new pg.Pool({ connectionString: database.adminUrl, max: 3 });
    await admin.query(`
      CREATE TABLE escape_probe (xid text NOT NULL, usr text NOT NULL, app_user text NOT NULL, user_id uuid NOT NULL);
      GRANT INSERT ON escape_probe TO PUBLIC;
      CREATE FUNCTION record_session_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO escape_probe
        VALUES (txid_current()::text, current_user, coalesce(current_setting('app.user_id', true), ''), NEW.user_id);
        RETURN NEW;
      END $$;
      CREATE TRIGGER record_session_write AFTER INSERT ON auth_sessions
        FOR EACH ROW EXECUTE FUNCTION record_session_write();
      -- A slow statement that waits for no lock: renaming a user to 'slow <seconds>' takes that long.
      CREATE FUNCTION slow_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(split_part(NEW.name, ' ', 2)::float8); RETURN NEW; END $$;
      CREATE TRIGGER slow_update BEFORE UPDATE ON users
        FOR EACH ROW WHEN (NEW.name LIKE 'slow %') EXECUTE FUNCTION slow_update();
    `);
    db = createDb({
      connectionString: database.appUrl,
      poolMax: 2,
      transactionTimeoutMs: BUDGET_MS,
    });
  });

  afterAll(async () => {
    await db.$disconnect();
    await admin.end();
    await database.drop();
  });

  async function newUser() {
    const id = newId();
    const email = `${id}@example.test`;
    await admin.query(
      `INSERT INTO users (id, email, name, updated_at) VALUES ($1, $2, 'before', now())`,
      [id, email],
    );
    return { id, email };
  }

  /** What is committed about the user, read by the privileged connection. */
  async function committed(userId: string) {
    const user = await admin.query<{ name: string }>(`SELECT name FROM users WHERE id = $1`, [
      userId,
    ]);
    const sessions = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM auth_sessions WHERE user_id = $1`,
      [userId],
    );
    const probe = await admin.query(
      `SELECT xid, usr, app_user FROM escape_probe WHERE user_id = $1`,
      [userId],
    );
    return { name: user.rows[0]?.name, sessions: sessions.rows[0]?.n, probe: probe.rows };
  }

  /** Connections of the test database still inside a transaction (server only: PGlite has no such view). */
  const openTransactions = async () =>
    (
      await admin.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
      )
    ).rows[0]?.n;

  /** The pool still serves tenant transactions with the application role after the failure. */
  async function expectHealthyPool(userId: string) {
    const seen = await withTenantTransaction(db, { userId }, async (tx) => {
      const [row] = await tx.$queryRaw<{ usr: string; app_user: string }[]>`
        SELECT current_user::text AS usr, current_setting('app.user_id', true) AS app_user`;
      return row;
    });
    expect(seen).toEqual({ usr: "tenantry_app", app_user: userId });
  }

  it("records the writes of a transaction that ends in time as its own, made as the application role", async () => {
    const user = await newUser();
    const xid = await withTenantTransaction(db, { userId: user.id }, async (tx) => {
      const { xid } = await inside(tx);
      await renameAndOpenSession(tx, user.email, "renamed");
      return xid;
    });
    expect(await committed(user.id)).toEqual({
      name: "renamed",
      sessions: 1,
      probe: [{ xid, usr: "tenantry_app", app_user: user.id }],
    });
  });

  it("runs nothing outside it when its statements are slow enough to cross the deadline", async () => {
    const user = await newUser();
    let pid = 0;
    // 60% of the budget, then an update taking 65%: each statement is well under the statement timeout (90%), the
    // deadline passes during the update, and the session insert after it would run once the ROLLBACK was sent.
    const outcome = await withTenantTransaction(db, { userId: user.id }, async (tx) => {
      ({ pid } = await inside(tx));
      await tx.$executeRaw`SELECT pg_sleep(${(BUDGET_MS * 0.6) / 1000}::float8)`;
      return renameAndOpenSession(tx, user.email, `slow ${(BUDGET_MS * 0.65) / 1000}`);
    }).then(
      () => "committed",
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(Error);
    expect(await committed(user.id)).toEqual({ name: "before", sessions: 0, probe: [] });
    if (backend === "server") {
      // The connection that was busy when the transaction ended is closed, not handed to the next request.
      await until(
        async () =>
          (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [pid])).rowCount ===
          0,
        "the timed-out backend to go away",
      );
      expect(await openTransactions()).toBe(0);
    }
    await expectHealthyPool(user.id);
  });

  if (backend === "server") {
    it("runs nothing outside it when a statement waits past the deadline for another connection's lock", async () => {
      const user = await newUser();
      const holder = await admin.connect();
      let pid = 0;
      try {
        await holder.query("BEGIN");
        await holder.query("SELECT 1 FROM users WHERE id = $1 FOR UPDATE", [user.id]);
        const started = Date.now();
        const outcome = withTenantTransaction(db, { userId: user.id }, async (tx) => {
          ({ pid } = await inside(tx));
          return renameAndOpenSession(tx, user.email, "renamed");
        }).then(
          () => "committed",
          (error: unknown) => error,
        );
        await until(
          async () =>
            (
              await admin.query<{ wait: string | null }>(
                `SELECT wait_event_type AS wait FROM pg_stat_activity WHERE pid = $1`,
                [pid],
              )
            ).rows[0]?.wait === "Lock",
          "the tenant transaction to wait for the lock",
        );
        // Keep the lock past the transaction's deadline, then let the update through.
        await sleep(Math.max(0, started + BUDGET_MS + 1_000 - Date.now()));
        await holder.query("COMMIT");
        // PostgreSQL itself cancelled the waiting statement (statement_timeout, 57014) before the deadline.
        expect(await outcome).toMatchObject({
          meta: { driverAdapterError: { cause: { originalCode: "57014" } } },
        });
      } finally {
        holder.release();
      }
      await until(async () => (await openTransactions()) === 0, "no open transaction");
      expect(await committed(user.id)).toEqual({ name: "before", sessions: 0, probe: [] });
      await expectHealthyPool(user.id);
    });
  }
});
