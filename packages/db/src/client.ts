// Prisma client over node-postgres with pool limits and timeouts stated explicitly (the adapter's defaults have no
// connection timeout, so a saturated pool would hang requests forever), and interactive transactions guarded so that
// no statement of theirs can run after they end (transaction-guard.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { env } from "./env.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { guardTransactions } from "./transaction-guard.ts";
import { sendPreludeWithBegin } from "./transaction-prelude.ts";

export interface DbOptions {
  connectionString: string;
  poolMax?: number;
  connectTimeoutMs?: number;
  idleTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** Client-side bound of one query (pg `query_timeout`); defaults to the statement timeout + 1 s. */
  queryTimeoutMs?: number;
  transactionTimeoutMs?: number;
  transactionMaxWaitMs?: number;
}

export function createPool(options: DbOptions): pg.Pool {
  const statementTimeoutMs = options.statementTimeoutMs ?? env.DATABASE_STATEMENT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolMax ?? env.DATABASE_POOL_MAX,
    connectionTimeoutMillis: options.connectTimeoutMs ?? env.DATABASE_CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: options.idleTimeoutMs ?? env.DATABASE_IDLE_TIMEOUT_MS,
    // Sent as a startup parameter, so it bounds every statement on every pooled connection.
    statement_timeout: statementTimeoutMs,
    // The server's statement_timeout cannot fire when the server itself is frozen (or the network dropped without a
    // reset): the client stops waiting a little after it, and the request answers 503 ("Query read timeout").
    query_timeout:
      options.queryTimeoutMs ?? env.DATABASE_QUERY_TIMEOUT_MS ?? statementTimeoutMs + 1_000,
    application_name: "tenantry",
  });
  // A tenant transaction's settings travel with its BEGIN (transaction-prelude.ts).
  pool.on("connect", sendPreludeWithBegin);
  return pool;
}

/** The time limits of a client's interactive transactions, which the tenant transaction derives its own from. */
export interface TransactionLimits {
  /** Prisma's interactive-transaction timeout: past it the transaction is rolled back. */
  timeoutMs: number;
  /** The connections' session-wide statement_timeout. */
  statementTimeoutMs: number;
}

const limitsByDb = new WeakMap<object, TransactionLimits>();
const poolsByDb = new WeakMap<object, pg.Pool>();

/** The pg pool under a client, for its metrics (in use, idle, waiting). */
export function poolOf(db: object): pg.Pool | undefined {
  return poolsByDb.get(db);
}

export function createDb(options: DbOptions) {
  const pool = createPool(options);
  const adapter = guardTransactions(new PrismaPg(pool, { disposeExternalPool: true }));
  const limits: TransactionLimits = {
    timeoutMs: options.transactionTimeoutMs ?? env.DATABASE_TRANSACTION_TIMEOUT_MS,
    statementTimeoutMs: options.statementTimeoutMs ?? env.DATABASE_STATEMENT_TIMEOUT_MS,
  };
  const db = new PrismaClient({
    adapter,
    transactionOptions: {
      timeout: limits.timeoutMs,
      maxWait: options.transactionMaxWaitMs ?? env.DATABASE_TRANSACTION_MAX_WAIT_MS,
    },
  });
  limitsByDb.set(db, limits);
  poolsByDb.set(db, pool);
  return db;
}

export type Db = ReturnType<typeof createDb>;

export function transactionLimits(db: Db): TransactionLimits {
  return (
    limitsByDb.get(db) ?? {
      timeoutMs: env.DATABASE_TRANSACTION_TIMEOUT_MS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
    }
  );
}

const globalForDb = globalThis as unknown as { tenantryDb?: Db };

/**
 * The process-wide client for DATABASE_URL, created on first use so that importing the package (e.g. during
 * `next build`) never opens connections. Kept on globalThis so Next.js dev reloads reuse one pool.
 */
export function getDb(): Db {
  if (globalForDb.tenantryDb) return globalForDb.tenantryDb;
  if (!env.DATABASE_URL) {
    throw new Error(
      "DATABASE_URL is not set: run `pnpm dev` (embedded PostgreSQL) or point it at PostgreSQL",
    );
  }
  globalForDb.tenantryDb = createDb({ connectionString: env.DATABASE_URL });
  return globalForDb.tenantryDb;
}

/** Closes the process-wide client's pool if it was ever opened (graceful shutdown). */
export async function closeDb(): Promise<void> {
  const db = globalForDb.tenantryDb;
  if (!db) return;
  globalForDb.tenantryDb = undefined;
  await db.$disconnect();
}
