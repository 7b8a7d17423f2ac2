// Recognises the failures that mean "the database cannot serve us right now" (down, restarting, unreachable,
// overloaded, too slow) as opposed to a bug or bad data, so the HTTP layers can answer 503 + Retry-After.
//
// Errors reach the application in several shapes: Prisma's errors (code P1xxx, or P2010/P2039 wrapping a driver
// error in meta.driverAdapterError), the driver adapter's mapped errors ({ kind, originalCode }), node-postgres
// errors (SQLSTATE in `code`), Node socket errors (`code` ECONNREFUSED...), pg's own plain errors ("Connection
// terminated unexpectedly", pool connect timeouts), and any of these as the `cause` of another error. Everything is
// recognised by name, code or message, never by class: the client may have been created by another module instance
// (Next.js bundles one per layer) whose classes differ from ours.

/** SQLSTATEs of an unavailable or overloaded server, and of a statement it cancelled for taking too long. */
const SQLSTATES = new Set([
  "57P01", // admin_shutdown: the server is shutting down (or the connection was terminated)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: the database system is starting up / shutting down / in recovery
  "57014", // query_canceled: statement_timeout (the tenant transaction sets it below its own budget)
  "55P03", // lock_not_available: lock_timeout
  "25P03", // idle_in_transaction_session_timeout
  "53300", // too_many_connections
  "53000", // insufficient_resources
  "53100", // disk_full
  "53200", // out_of_memory
]);

/** Prisma's codes for an unreachable server, a timeout, a closed connection, a pool timeout. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P1018", "P2024"]);

/** Driver adapter error kinds with the same meaning (a mapped error may carry no Prisma code yet). */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionAlreadyClosed",
]);

const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** node-postgres and pg-pool failures that carry no code. */
const DRIVER_MESSAGES = [
  /^Connection terminated/, // unexpectedly, due to connection timeout, ...
  /^timeout exceeded when trying to connect$/, // pg-pool connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable$/,
  /^Query read timeout$/,
];

/** P2028 covers every transaction-API error; only its timeouts are an availability problem. */
const TRANSACTION_TIMEOUT = /Unable to start a transaction in the given time|expired transaction/;

/** Thrown where a check needed the database and could not get an answer (recognised by name, like the rest). */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function matchesItself(error: Record<string, unknown>): boolean {
  if (error.name === "DatabaseUnavailableError") return true;
  const code = str(error.code) ?? str(error.errorCode);
  const message = str(error.message) ?? "";
  if (code !== undefined) {
    if (PRISMA_CODES.has(code) || SQLSTATES.has(code) || SOCKET_CODES.has(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true; // class 08: connection exception
    if (code === "P2028" && TRANSACTION_TIMEOUT.test(message)) return true;
  }
  const kind = str(error.kind);
  if (kind !== undefined) {
    if (ADAPTER_KINDS.has(kind)) return true;
    const original = str(error.originalCode) ?? str(error.code);
    if (kind === "postgres" && original !== undefined && SQLSTATES.has(original)) return true;
  }
  return DRIVER_MESSAGES.some((pattern) => pattern.test(message));
}

/** Whether `error`, or anything it wraps, says the database is unavailable (see the file comment). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    const record = asRecord(current);
    if (!record || seen.has(record) || seen.size > 32) continue;
    seen.add(record);
    if (matchesItself(record)) return true;
    const meta = asRecord(record.meta);
    pending.push(record.cause, meta?.driverAdapterError);
    // AggregateError: a host name resolving to several addresses fails once per address.
    if (Array.isArray(record.errors)) pending.push(...(record.errors as unknown[]));
  }
  return false;
}
