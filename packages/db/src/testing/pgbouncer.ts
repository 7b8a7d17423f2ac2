// A PgBouncer in transaction pooling mode in front of a test database, started on a free port with a generated
// config and userlist, so suites can prove that nothing of a tenant survives on a server connection that the next
// transaction — another tenant's — gets. The executable is Debian's `pgbouncer`, provisioned by scripts/bootstrap.mjs.
import { spawn } from "node:child_process";
import { accessSync, constants, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

// The only place this module reads the environment.
// eslint-disable-next-line no-restricted-syntax
const ENV_PATH = process.env.PGBOUNCER_PATH;
// eslint-disable-next-line no-restricted-syntax
const ENV_SEARCH = process.env.PATH ?? "";

export interface PgBouncer {
  /** `targetUrl` with PgBouncer's host and port: same database, same user. */
  url(targetUrl: string): string;
  port: number;
  /** The generated pgbouncer.ini, for failure messages. */
  config: string;
  stop(): Promise<void>;
}

export interface PgBouncerOptions {
  /** Any URL of the PostgreSQL server to pool (only host and port are used). */
  serverUrl: string;
  /** Login roles clients may connect as (the userlist; trust auth, like the test server). */
  users: string[];
  /** Server connections per (database, user): small, so that tenants must share them. */
  poolSize?: number;
  /** More [pgbouncer] settings (e.g. server_login_retry for outage benches). */
  settings?: Record<string, string>;
}

/** PGBOUNCER_PATH, then `pgbouncer` on PATH, then Debian's location; throws saying how to get one. */
export function findPgBouncer(): string {
  const candidates = [
    ENV_PATH,
    ...ENV_SEARCH.split(path.delimiter)
      .filter(Boolean)
      .map((dir) => path.join(dir, "pgbouncer")),
    "/usr/sbin/pgbouncer",
    "/usr/bin/pgbouncer",
  ].filter((candidate): candidate is string => Boolean(candidate));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not this one
    }
  }
  throw new Error(
    "PgBouncer is required for the pooled-connection tests: run them through `node scripts/bootstrap.mjs test` " +
      "(installs Debian's pgbouncer as root), `apt-get install pgbouncer`, or set PGBOUNCER_PATH",
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = address && typeof address === "object" ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * PgBouncer refuses to run as root (CI and containers run the tests as root): there it runs as `nobody`, which
 * only needs to read the generated files.
 */
function unprivilegedIdentity(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let passwd = "";
  try {
    passwd = readFileSync("/etc/passwd", "utf8");
  } catch {
    // no passwd file: fall back to the conventional ids
  }
  const entry = /^nobody:[^:]*:(\d+):(\d+):/m.exec(passwd);
  return { uid: Number(entry?.[1] ?? 65534), gid: Number(entry?.[2] ?? 65534) };
}

const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;

export async function startPgBouncer(opts: PgBouncerOptions): Promise<PgBouncer> {
  const executable = findPgBouncer();
  const server = new URL(opts.serverUrl);
  const dir = await mkdtemp(path.join(tmpdir(), "tenantry-pgbouncer-"));
  const port = await freePort();
  const config = [
    "[databases]",
    // Any database name the client asks for, on the test server.
    `* = host=${server.hostname} port=${server.port || "5432"}`,
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    "unix_socket_dir =",
    "auth_type = trust",
    `auth_file = ${path.join(dir, "userlist.txt")}`,
    "pool_mode = transaction",
    `default_pool_size = ${opts.poolSize ?? 2}`,
    "max_client_conn = 500",
    // Production PgBouncer runs no reset query in transaction mode either: isolation must not depend on one.
    "server_reset_query =",
    "server_check_query = select 1",
    // Startup parameters some drivers send and PgBouncer would otherwise refuse.
    "ignore_startup_parameters = extra_float_digits,options,statement_timeout",
    "admin_users =",
    "log_connections = 0",
    "log_disconnections = 0",
    ...Object.entries(opts.settings ?? {}).map(([key, value]) => `${key} = ${value}`),
    "",
  ].join("\n");
  await writeFile(
    path.join(dir, "userlist.txt"),
    opts.users.map((u) => `${quote(u)} ""\n`).join(""),
  );
  const configFile = path.join(dir, "pgbouncer.ini");
  await writeFile(configFile, config);

  const identity = unprivilegedIdentity();
  if (identity) {
    await chmod(dir, 0o755);
    await chmod(configFile, 0o644);
    await chmod(path.join(dir, "userlist.txt"), 0o644);
  }
  const child = spawn(executable, [configFile], {
    stdio: ["ignore", "ignore", "pipe"],
    ...identity,
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (running()) {
      child.kill("SIGINT");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (running()) child.kill("SIGKILL");
    }
    await rm(dir, { recursive: true, force: true });
  };

  const url = (targetUrl: string) => {
    const next = new URL(targetUrl);
    next.hostname = "127.0.0.1";
    next.port = String(port);
    return next.toString();
  };

  // Ready when a client gets through to the server (PgBouncer connects upstream lazily, on the first query).
  const probeUrl = url(`postgres://${encodeURIComponent(opts.users[0] ?? "postgres")}@x/postgres`);
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`pgbouncer exited with ${child.exitCode}: ${stderr}\n${config}`);
    }
    const client = new pg.Client({ connectionString: probeUrl, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`pgbouncer did not answer on ${port}: ${String(error)}\n${stderr}`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { url, port, config, stop };
}
