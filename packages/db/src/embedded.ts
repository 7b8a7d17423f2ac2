// Embedded PostgreSQL for machines without a database server: PGlite (Postgres compiled to WebAssembly) served
// over the wire protocol on 127.0.0.1, so Prisma/adapter-pg, psql and node-postgres pools connect as to a real server.
import { randomBytes } from "node:crypto";
import { unlinkSync } from "node:fs";
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

import { keepQueryCyclesTogether } from "./embedded-queue.ts";

export interface EmbeddedPostgresOptions {
  /** Cluster directory; created (and initialised, ~4 s) when missing, reopened (<1 s) otherwise. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 or omitted picks a free one. */
  port?: number;
  /**
   * Connections accepted at once (default 20). Every client pool's `max` must fit under it: the socket server
   * closes surplus connections immediately, which clients report as "Connection terminated unexpectedly".
   */
  maxConnections?: number;
  log?: (m: string) => void;
}

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres (any user/database name reaches the same superuser session). */
  url: string;
  port: number;
  /** Closes client connections, rolls back an open transaction and shuts PGlite down so the directory reopens. */
  stop(): Promise<void>;
}

const LOCK_FILE = "tenantry-embedded.pid";
const DEFAULT_MAX_CONNECTIONS = 20;

function errnoCode(error: unknown): string | undefined {
  if (error instanceof Error && "code" in error && typeof error.code === "string")
    return error.code;
  return undefined;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return errnoCode(error) === "EPERM";
  }
}

/**
 * PGlite takes no lock of its own: two processes opening one directory both "work" and then corrupt it. This is
 * Postgres' postmaster.pid idea: a file holding the owner's pid, created atomically (link fails if it exists), and
 * taken over when that pid is gone (a crashed run). Returns the release function.
 */
async function acquireLock(dataDir: string): Promise<() => void> {
  const lockPath = path.join(dataDir, LOCK_FILE);
  const tmpPath = `${lockPath}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(tmpPath, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(tmpPath, lockPath);
      } catch (error) {
        if (errnoCode(error) !== "EEXIST") throw error;
        const holder = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
        if (Number.isInteger(holder) && holder > 0 && processIsAlive(holder)) {
          const who =
            holder === process.pid
              ? "an embedded server already running in this process"
              : `process ${holder} (another \`pnpm dev\`?)`;
          throw new Error(
            `Embedded PostgreSQL data directory ${dataDir} is in use by ${who}. ` +
              `Stop it first, or delete ${lockPath} if nothing is using the directory.`,
            { cause: error },
          );
        }
        // Stale lock from a run that died without stopping; the cluster recovers from its WAL on open.
        await rm(lockPath, { force: true });
        continue;
      }
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        process.removeListener("exit", release);
        try {
          unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      // A process that exits without stop() (uncaught error, process.exit) must not leave the directory locked.
      process.on("exit", release);
      return release;
    }
    throw new Error(`Could not lock ${dataDir}: ${lockPath} keeps reappearing.`);
  } finally {
    await rm(tmpPath, { force: true });
  }
}

export async function startEmbeddedPostgres(
  opts: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => undefined);
  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  const releaseLock = await acquireLock(dataDir);

  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    const started = Date.now();
    db = new PGlite(dataDir);
    await db.waitReady;
    log(`embedded PostgreSQL: opened ${dataDir} in ${Date.now() - started} ms`);

    // PGlite is one single-user backend. The socket server multiplexes client connections onto it, queuing
    // messages and giving a connection exclusive use while it has a transaction open (BEGIN..COMMIT) or is in the
    // middle of an extended-query cycle (see embedded-queue.ts), so pools with several connections work; queries
    // still run one at a time. Session state (SET without LOCAL, named prepared
    // statements) is shared by all connections, which is why tenant settings must be transaction-local.
    server = new PGLiteSocketServer({
      db,
      host: "127.0.0.1",
      port: opts.port ?? 0,
      maxConnections: opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    });
    keepQueryCyclesTogether(server);
    server.addEventListener("error", (event) => {
      const detail = event instanceof CustomEvent ? (event.detail as unknown) : event;
      log(`embedded PostgreSQL: socket server error: ${String(detail)}`);
    });
    try {
      await server.start();
    } catch (error) {
      if (errnoCode(error) === "EADDRINUSE") {
        throw new Error(
          `Embedded PostgreSQL: port ${opts.port ?? 0} on 127.0.0.1 is already in use.`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  } catch (error) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    releaseLock();
    throw error;
  }

  // getServerConn() is "host:port" with the port the OS assigned when 0 was asked for.
  const port = Number(server.getServerConn().split(":").pop());
  if (!Number.isInteger(port) || port <= 0) {
    await server.stop();
    await db.close();
    releaseLock();
    throw new Error(`Embedded PostgreSQL: unexpected listen address ${server.getServerConn()}`);
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  log(`embedded PostgreSQL: listening on ${url}`);

  const runningServer = server;
  const runningDb = db;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      try {
        // Resolves once every client socket is closed; each detached connection has by then queued the ROLLBACK
        // of its open transaction on PGlite's mutex, which close() waits for.
        await runningServer.stop();
        if (runningDb.isInTransaction()) await runningDb.exec("ROLLBACK").catch(() => undefined);
        await runningDb.close();
        log("embedded PostgreSQL: stopped");
      } finally {
        releaseLock();
      }
    })();
    return stopping;
  };

  return { url, port, stop };
}
