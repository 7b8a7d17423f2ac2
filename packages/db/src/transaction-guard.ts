// A driver-adapter wrapper that keeps every statement of an interactive transaction inside it.
//
// Why it is needed (Prisma 7.10 with adapter-pg): the query interpreter looks the transaction up once per operation
// and then runs the operation's whole plan on it: an upsert, a nested write or an include is several statements. When
// the transaction timeout fires mid-plan, the transaction manager queues ROLLBACK on the connection and releases it
// to the pool, but adapter-pg's transaction object keeps using that pooled client, so the rest of the plan runs after
// the ROLLBACK in autocommit — without the role and tenant settings, which were transaction-local — or inside the
// next request's transaction once the pool hands the client out again.
//
// The guard closes a transaction the moment COMMIT or ROLLBACK is issued (the connection runs statements in the
// order they were sent, so everything sent before still lands inside), refuses any later statement before it
// reaches a connection, and discards (instead of returning to the pool) a connection whose transaction ends while
// one of its statements is still running: that statement belongs to an operation nobody awaits any more.
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { DriverAdapterError } from "@prisma/driver-adapter-utils";

interface PooledClient {
  release(error?: Error | boolean): void;
}

/**
 * adapter-pg's transaction holds its pooled client as `client` (not public API): needed to discard the connection.
 * Checked on every transaction, so an adapter version that changes it fails loudly instead of pooling a busy
 * connection.
 */
function pooledClientOf(transaction: Transaction): PooledClient {
  const client: unknown = (transaction as unknown as { client?: unknown }).client;
  if (
    typeof client === "object" &&
    client !== null &&
    typeof (client as Partial<PooledClient>).release === "function"
  ) {
    return client as PooledClient;
  }
  throw new Error(
    "@prisma/adapter-pg changed its transaction's internals; review packages/db/src/transaction-guard.ts",
  );
}

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

class GuardedTransaction implements Transaction {
  readonly provider: Transaction["provider"];
  readonly adapterName: string;
  readonly options: Transaction["options"];
  readonly #inner: Transaction;
  readonly #client: PooledClient;
  /** How the transaction ended (COMMIT or ROLLBACK issued), or null while it is open. */
  #ended: string | null = null;
  #running = 0;
  #discarded = false;

  constructor(inner: Transaction) {
    this.#inner = inner;
    this.#client = pooledClientOf(inner);
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#run(() => this.#inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    const end = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i.exec(query.sql)?.[1]?.toUpperCase();
    if (end) return this.#end(end, query);
    return this.#run(() => this.#inner.executeRaw(query));
  }

  async #run<T>(io: () => Promise<T>): Promise<T> {
    if (this.#ended !== null) throw this.#closedError();
    this.#running += 1;
    try {
      return await io();
    } finally {
      this.#running -= 1;
    }
  }

  async #end(end: string, query: SqlQuery): Promise<number> {
    if (this.#ended !== null) throw this.#closedError();
    this.#ended = end;
    if (end === "ROLLBACK" && this.#running > 0) {
      // The timeout (or a failed sibling query) ended the transaction mid-statement. A ROLLBACK would wait behind
      // that statement; closing the connection ends the session instead, and PostgreSQL rolls the transaction back.
      this.#discarded = true;
      this.#client.release(new Error("transaction ended while a statement was running"));
      return 0;
    }
    return this.#inner.executeRaw(query);
  }

  #closedError(): DriverAdapterError {
    return new DriverAdapterError({
      kind: "TransactionAlreadyClosed",
      cause: `the transaction has ended (${this.#ended ?? "?"}); this statement was not sent`,
    });
  }

  async commit(): Promise<void> {
    this.#ended ??= "COMMIT";
    if (!this.#discarded) await this.#inner.commit();
  }

  async rollback(): Promise<void> {
    this.#ended ??= "ROLLBACK";
    if (!this.#discarded) await this.#inner.rollback();
  }

  // Savepoints go through the guarded executeRaw (the inner transaction's would bypass it).
  async createSavepoint(name: string): Promise<void> {
    await this.executeRaw(statement(`SAVEPOINT ${name}`));
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.executeRaw(statement(`ROLLBACK TO SAVEPOINT ${name}`));
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.executeRaw(statement(`RELEASE SAVEPOINT ${name}`));
  }
}

class GuardedAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;
  readonly #inner: SqlDriverAdapter;

  constructor(inner: SqlDriverAdapter) {
    this.#inner = inner;
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.#inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.#inner.executeRaw(query);
  }

  executeScript(script: string): Promise<void> {
    return this.#inner.executeScript(script);
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const transaction = await this.#inner.startTransaction(isolationLevel);
    try {
      return new GuardedTransaction(transaction);
    } catch (error) {
      await transaction.executeRaw(statement("ROLLBACK")).finally(() => transaction.rollback());
      throw error;
    }
  }

  getConnectionInfo() {
    return this.#inner.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  dispose(): Promise<void> {
    return this.#inner.dispose();
  }
}

/** Wraps a driver adapter factory so that its interactive transactions are guarded (see the file comment). */
export function guardTransactions(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => new GuardedAdapter(await factory.connect()),
  };
}
