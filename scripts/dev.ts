// One-command launcher (`pnpm dev`, `pnpm start`): database (embedded PGlite unless DATABASE_URL is set), migrations,
// seed, then the web app (apps/web/server.ts through its package's dev/start script) and the worker, with signals
// forwarded and everything stopped together.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { constants } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { ChildProcess } from "node:child_process";

import type { EmbeddedPostgres } from "../packages/db/src/embedded.ts";
import { startEmbeddedPostgres } from "../packages/db/src/embedded.ts";
import { migrateDeploy } from "../packages/db/src/migrate.ts";

// ---- Configuration: the only place this script reads the environment. ------------------------------------------
// eslint-disable-next-line no-restricted-syntax
const parentEnv: Readonly<Record<string, string | undefined>> = { ...process.env };
const nonEmpty = (value: string | undefined) => (value?.trim() ? value : undefined);

const prod = process.argv.includes("--prod");
const rootDir = fileURLToPath(new URL("..", import.meta.url));
const localDataDir = path.join(rootDir, ".data");
const config = {
  databaseUrl: nonEmpty(parentEnv.DATABASE_URL),
  migrateDatabaseUrl: nonEmpty(parentEnv.MIGRATE_DATABASE_URL),
  embeddedPort: Number(nonEmpty(parentEnv.EMBEDDED_DB_PORT) ?? 54329),
  authSecret: nonEmpty(parentEnv.AUTH_SECRET),
  webPort: nonEmpty(parentEnv.PORT) ?? "3000",
  smtpUrl: nonEmpty(parentEnv.SMTP_URL),
};
// Connections the embedded server accepts. Each process's pool (DATABASE_POOL_MAX, default 10) must fit: web, worker
// and the odd script together. PGlite runs one query at a time anyway, so spare sockets cost nothing.
const EMBEDDED_MAX_CONNECTIONS = 64;
// How long children get to exit after SIGINT/SIGTERM before they are killed.
const STOP_GRACE_MS = 15_000;
const isWindows = process.platform === "win32";

// ---- Children ---------------------------------------------------------------------------------------------------
const children = new Set<ChildProcess>();
let stopRequested: { signal: NodeJS.Signals; at: number } | undefined;
let killTimer: NodeJS.Timeout | undefined;

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return 128 + (signal ? constants.signals[signal] : 0);
}

interface Started {
  child: ChildProcess;
  exited: Promise<number>;
}

interface OutputOptions {
  /** Called with every stdout line (which is still printed). */
  onLine?: (line: string) => void;
  /** Prepended to every output line, to tell interleaved services apart. */
  prefix?: string;
}

/**
 * Starts a command in the repo root. Children stay in this process group, so a supervisor that kills the group
 * (e.g. Playwright's webServer) reaches them too; pnpm itself forwards signals to, and reaps, the scripts it runs.
 */
function start(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  output: OutputOptions = {},
): Started {
  const { onLine, prefix } = output;
  const piped = onLine !== undefined || prefix !== undefined;
  const child = spawn(command, args, {
    cwd: rootDir,
    env,
    stdio: ["ignore", piped ? "pipe" : "inherit", prefix === undefined ? "inherit" : "pipe"],
    shell: isWindows, // pnpm is a .cmd shim on Windows
  });
  children.add(child);
  const relay = (
    stream: NodeJS.ReadableStream | null,
    to: NodeJS.WritableStream,
    capture: boolean,
  ) => {
    if (!stream) return;
    createInterface({ input: stream }).on("line", (line) => {
      to.write(prefix === undefined ? `${line}\n` : `${prefix} ${line}\n`);
      if (capture) onLine?.(line);
    });
  };
  if (piped) relay(child.stdout, process.stdout, true);
  if (prefix !== undefined) relay(child.stderr, process.stderr, false);
  const exited = new Promise<number>((resolve) => {
    child.on("error", (error) => {
      console.error(`dev: could not start ${command}: ${error.message}`);
      children.delete(child);
      resolve(127);
    });
    // "close" rather than "exit": piped output is fully relayed (and captured) by then.
    child.on("close", (code, signal) => {
      children.delete(child);
      resolve(exitCodeOf(code, signal));
    });
  });
  // A stop requested while this was being spawned still applies to it.
  if (stopRequested) child.kill(stopRequested.signal);
  return { child, exited };
}

/** A function, not a variable read, because signal handlers change it across awaits (TS narrowing cannot tell). */
function isStopping(): boolean {
  return stopRequested !== undefined;
}

function stopChildren(signal: NodeJS.Signals): void {
  for (const child of children) child.kill(signal);
  killTimer ??= setTimeout(() => {
    for (const child of children) {
      console.error(
        `dev: pid ${child.pid ?? "?"} did not exit within ${STOP_GRACE_MS / 1000} s, killing it`,
      );
      child.kill("SIGKILL");
    }
  }, STOP_GRACE_MS);
  killTimer.unref();
}

function onSignal(signal: NodeJS.Signals): void {
  if (stopRequested) {
    // One Ctrl-C can arrive twice (from the terminal and relayed by a wrapper); a later one means "now".
    if (Date.now() - stopRequested.at > 1_000) for (const child of children) child.kill("SIGKILL");
    return;
  }
  stopRequested = { signal, at: Date.now() };
  console.log(`\ndev: ${signal} received, stopping…`);
  stopChildren(signal);
}
// SIGHUP too: a closed terminal must not orphan the services.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);

class Stopped extends Error {
  constructor(readonly exitCode: number) {
    super(`stopped with exit code ${exitCode}`);
  }
}

/** Runs a setup step to completion; a failure or a stop request ends the launcher with its code. */
async function step(
  label: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine?: (line: string) => void,
): Promise<void> {
  if (isStopping()) throw new Stopped(130);
  console.log(`dev: ${label}…`);
  const code = await start("pnpm", args, env, { onLine }).exited;
  if (isStopping()) throw new Stopped(code || 130);
  if (code !== 0) {
    console.error(`dev: ${label} failed (exit code ${code})`);
    throw new Stopped(code);
  }
}

/** Runs the long-lived services until one exits (or a signal stops them); resolves to the first exit code. */
async function runServices(
  services: { args: string[]; prefix?: string }[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const started = services.map((service) =>
    start("pnpm", service.args, env, { prefix: service.prefix }),
  );
  const first = await Promise.race(started.map((service) => service.exited));
  // Whichever way the first one ended, nothing is left running without it.
  if (!isStopping()) {
    console.error(`dev: a service exited (code ${first}), stopping the others`);
    stopChildren("SIGTERM");
  }
  await Promise.all(started.map((service) => service.exited));
  return first;
}

// ---- Setup ------------------------------------------------------------------------------------------------------

/** A stable local AUTH_SECRET, so sessions survive restarts of `pnpm dev`. */
async function localAuthSecret(): Promise<string> {
  const file = path.join(localDataDir, "auth-secret");
  const existing = (await readFile(file, "utf8").catch(() => "")).trim();
  if (existing.length >= 32) return existing;
  const secret = randomBytes(32).toString("base64url");
  await mkdir(localDataDir, { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

function banner(lines: [string, string][]): void {
  const width = Math.max(...lines.map(([key]) => key.length));
  const rule = "─".repeat(72);
  console.log(`\n${rule}`);
  for (const [key, value] of lines) console.log(`  ${key.padEnd(width)}  ${value}`);
  console.log(`${rule}\n`);
}

async function main(): Promise<number> {
  if (
    !Number.isInteger(config.embeddedPort) ||
    config.embeddedPort < 0 ||
    config.embeddedPort > 65_535
  ) {
    throw new Error(
      `EMBEDDED_DB_PORT must be a port number, got ${parentEnv.EMBEDDED_DB_PORT ?? ""}`,
    );
  }
  const authSecret = config.authSecret ?? (await localAuthSecret());

  let embedded: EmbeddedPostgres | undefined;
  try {
    let databaseUrl = config.databaseUrl;
    let migrateUrl = config.migrateDatabaseUrl ?? databaseUrl;
    let databaseLine: string;
    if (databaseUrl && migrateUrl) {
      databaseLine = `PostgreSQL at ${redact(databaseUrl)} (DATABASE_URL)`;
    } else {
      const dataDir = path.join(localDataDir, "pglite");
      console.log(
        `dev: DATABASE_URL is not set, starting embedded PostgreSQL (PGlite) in ${dataDir}`,
      );
      embedded = await startEmbeddedPostgres({
        dataDir,
        port: config.embeddedPort,
        maxConnections: EMBEDDED_MAX_CONNECTIONS,
        log: (message) => console.log(`dev: ${message}`),
      });
      databaseUrl = embedded.url;
      migrateUrl = embedded.url;
      databaseLine = `embedded PostgreSQL (PGlite) at ${embedded.url}, data in .data/pglite`;
    }
    if (isStopping()) return 130;

    const smtp = config.smtpUrl !== undefined;
    const env: NodeJS.ProcessEnv = {
      ...parentEnv,
      DATABASE_URL: databaseUrl,
      MIGRATE_DATABASE_URL: migrateUrl,
      AUTH_SECRET: authSecret,
      // Task attachments live beside the embedded database unless configured elsewhere.
      ATTACHMENTS_DIR:
        nonEmpty(parentEnv.ATTACHMENTS_DIR) ?? path.join(localDataDir, "attachments"),
      // Mail always has somewhere to go: a production build with no SMTP server shows each user their own mail
      // (a platform admin all of it) at /dev/outbox, so a new user can verify their address. With SMTP it stays off.
      ...(prod && !smtp ? { OUTBOX_FOR_RECIPIENTS: "1" } : {}),
    };

    // The seed imports the generated Prisma client, which a fresh clone does not have yet (turbo caches this).
    await step(
      "generating the Prisma client",
      ["exec", "turbo", "run", "generate", "--filter=@tenantry/db", "--output-logs=errors-only"],
      env,
    );

    console.log("dev: applying migrations…");
    const { applied } = await migrateDeploy(migrateUrl);
    console.log(
      applied.length ? `dev: applied ${applied.join(", ")}` : "dev: database schema is up to date",
    );

    const signInLines: string[] = [];
    await step("seeding demo data", ["-F", "@tenantry/db", "seed"], env, (line) => {
      if (/sign in/i.test(line)) signInLines.push(line.replace(/^seed:\s*/, ""));
    });

    if (prod) {
      await step(
        "building the web app",
        ["exec", "turbo", "run", "build", "--filter=@tenantry/web..."],
        env,
      );
    }
    if (isStopping()) return 130;

    banner([
      [
        "Tenantry",
        `http://localhost:${config.webPort}  (${prod ? "production build" : "dev mode"}; use localhost, not 127.0.0.1)`,
      ],
      ["Database", databaseLine],
      ["Demo", signInLines[0] ?? "see the seed output above"],
      [
        "Mail",
        smtp
          ? "sent through SMTP_URL"
          : `not sent (no SMTP_URL): read it at http://localhost:${config.webPort}/dev/outbox${prod ? " (each user sees their own mail, platform admins all)" : ""}`,
      ],
    ]);

    const services = prod
      ? [
          { args: ["-F", "@tenantry/web", "start"], prefix: "web    │" },
          { args: ["-F", "@tenantry/worker", "start"], prefix: "worker │" },
        ]
      : [
          {
            args: [
              "exec",
              "turbo",
              "run",
              "dev",
              "--filter=@tenantry/web",
              "--filter=@tenantry/worker",
            ],
          },
        ];
    return await runServices(services, env);
  } catch (error) {
    if (error instanceof Stopped) return error.exitCode;
    throw error;
  } finally {
    // Reached on every path: never leave children behind, and only stop the database once they are gone.
    if (children.size > 0) {
      stopChildren("SIGTERM");
      await Promise.all(
        [...children].map((child) => new Promise((resolve) => child.once("close", resolve))),
      );
    }
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`dev: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
