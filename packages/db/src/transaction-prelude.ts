// BEGIN and a tenant transaction's settings in one round trip. adapter-pg opens an interactive transaction by sending
// `BEGIN` on its own (a simple query) and only then hands the transaction to Prisma, so the settings that follow cost
// a second round trip on every tenant transaction. withTenantTransaction puts its settings here before it asks Prisma
// for the transaction; the pool's connections (createPool) send them in the same simple query as that BEGIN:
// `BEGIN; SELECT set_config(…, true), …`. PostgreSQL runs both in order, the settings inside the new transaction, so
// the role and the tenant are in force before Prisma sends anything, and a failing setting fails the BEGIN.
//
// The values go into SQL text, not parameters (a simple query has none): only names and values of a strict
// alphabet (uuids, role names, numbers) are accepted; anything else leaves the prelude unsent, and the caller then
// sends its settings as a parameterised statement (`taken` false), as it does on a connection without this hook.
import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";

interface Prelude {
  sql: string;
  /** Sent with a BEGIN, or no longer to be: each prelude belongs to exactly one transaction. */
  state: "pending" | "sent" | "closed";
}

const pending = new AsyncLocalStorage<Prelude>();

const NAME = /^[a-z_][a-z0-9_.]{0,62}$/;
const VALUE = /^[A-Za-z0-9_-]{0,128}$/;

/** `SELECT set_config(name, value, true), …` as SQL text, or null when a name or value is not plainly safe. */
export function settingsSql(settings: readonly (readonly [string, string])[]): string | null {
  if (settings.length === 0) return null;
  const calls: string[] = [];
  for (const [name, value] of settings) {
    if (!NAME.test(name) || !VALUE.test(value)) return null;
    calls.push(`set_config('${name}', '${value}', true)`);
  }
  return `SELECT ${calls.join(", ")}`;
}

/**
 * Runs `start` (which must open one interactive transaction first thing) with `sql` waiting to go out with that
 * transaction's BEGIN. `start` receives `taken()`, to call at the top of the transaction's callback: true when the
 * settings went with the BEGIN; either way no later BEGIN of the same async context picks them up.
 */
export function withPrelude<T>(
  sql: string | null,
  start: (taken: () => boolean) => Promise<T>,
): Promise<T> {
  if (sql === null) return start(() => false);
  const prelude: Prelude = { sql, state: "pending" };
  const taken = () => {
    const sent = prelude.state === "sent";
    prelude.state = sent ? "sent" : "closed";
    return sent;
  };
  return pending.run(prelude, () => start(taken));
}

function takePrelude(): string | null {
  const prelude = pending.getStore();
  if (prelude?.state !== "pending") return null;
  prelude.state = "sent";
  return prelude.sql;
}

interface QueryConfig {
  text?: unknown;
  name?: unknown;
  values?: unknown;
}

const isBegin = (config: unknown): config is QueryConfig =>
  typeof config === "object" &&
  config !== null &&
  (config as QueryConfig).text === "BEGIN" &&
  (config as QueryConfig).name === undefined;

/**
 * For pg.Pool's "connect" event: the connection's plain `BEGIN` (how adapter-pg opens a transaction) carries the
 * prelude of the async context that sends it, if one is pending. Without a pending prelude nothing changes.
 */
export function sendPreludeWithBegin(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const [config] = args;
    if (isBegin(config)) {
      const sql = takePrelude();
      if (sql !== null) args[0] = { ...config, text: `BEGIN; ${sql}`, values: undefined };
    }
    return query(...args);
  }) as typeof client.query;
}
