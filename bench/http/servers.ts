// Starting and stopping the two servers under test: the product's production build (apps/web/server.ts, configured
// as e2e/scripts/run.ts does) and the floor. Each runs in its own process group on loopback, so its CPU is read from
// /proc and stopping it leaves nothing behind.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ChildProcess } from "node:child_process";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const WEB_DIR = path.join(ROOT, "apps/web");
const WEB_SERVER = path.join(WEB_DIR, "server.ts");
const FLOOR_SCRIPT = path.join(ROOT, "bench/http/floor-server.ts");

export interface RunningServer {
  name: string;
  pid: number;
  port: number;
  /** http://127.0.0.1:<port> */
  origin: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills every server still running, synchronously (also used from process exit and signal handlers). */
export function killAllServers(): void {
  for (const child of running) killGroup(child, "SIGKILL");
  running.clear();
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not pick a port"));
      });
    });
  });
}

async function waitForHealthy(
  child: ChildProcess,
  url: string,
  timeoutMs: number,
  output: () => string,
) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${url}: server exited (${child.exitCode})\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `server did not become healthy at ${url} within ${timeoutMs} ms (${last})\n${output()}`,
  );
}

async function start(
  name: string,
  command: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; port: number },
): Promise<RunningServer> {
  const [cmd, ...args] = command;
  if (!cmd) throw new Error("no command");
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env,
    detached: true, // its own process group: stop() signals the server and whatever it spawned
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  // Keep the tail of the output for error messages; print stderr as it comes (errors inside the server matter).
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4_000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", (chunk: Buffer) => {
    keep(chunk);
    process.stderr.write(`[${name}] ${chunk.toString()}`);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const origin = `http://127.0.0.1:${opts.port}`;
  const stop = async () => {
    killGroup(child, "SIGTERM");
    const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    running.delete(child);
  };
  try {
    await waitForHealthy(child, `${origin}/api/health`, 90_000, () => tail);
  } catch (error) {
    await stop();
    throw error;
  }
  if (child.pid === undefined) throw new Error(`${name}: no pid`);
  return { name, pid: child.pid, port: opts.port, origin, stop };
}

export interface ProductOptions {
  databaseUrl: string;
  redisUrl: string | undefined;
  authSecret: string;
  rateLimitPrefix: string;
  attachmentsDir: string;
  baseEnv: NodeJS.ProcessEnv;
}

/**
 * The production build served as it ships (apps/web/server.ts, as `pnpm start` and docker run it: the custom server
 * around Next.js) as the unprivileged app role, with e2e/scripts/run.ts's configuration, listening on loopback only.
 * `BENCH_CPU_PROF_DIR` (absolute) makes it write a V8 CPU profile there when it stops.
 */
export async function startProduct(opts: ProductOptions): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...opts.baseEnv,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: opts.databaseUrl,
    AUTH_SECRET: opts.authSecret,
    AUTH_URL: `http://localhost:${port}`,
    SMTP_URL: "",
    DEV_OUTBOX_ENABLED: "1",
    AUTH_RATE_LIMIT_PREFIX: opts.rateLimitPrefix,
    ATTACHMENTS_DIR: opts.attachmentsDir,
    TRUST_PROXY: "",
  };
  if (opts.redisUrl) env.REDIS_URL = opts.redisUrl;
  else delete env.REDIS_URL;
  const profileDir = opts.baseEnv.BENCH_CPU_PROF_DIR;
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  // node with tsx's loader directly (not through pnpm): the measured process tree is the server alone.
  return start("product", [process.execPath, ...profile, "--import", "tsx", WEB_SERVER], {
    cwd: WEB_DIR,
    env,
    port,
  });
}

export interface FloorOptions {
  databaseUrl: string;
  authSecret: string;
  appRole: string;
  poolMax: number;
  baseEnv: NodeJS.ProcessEnv;
}

export async function startFloor(opts: FloorOptions): Promise<RunningServer> {
  const port = await freePort();
  return start("floor", [process.execPath, "--import", "tsx", FLOOR_SCRIPT], {
    cwd: path.join(ROOT, "bench"),
    env: {
      PATH: opts.baseEnv.PATH,
      NODE_ENV: "production",
      FLOOR_PORT: String(port),
      FLOOR_DATABASE_URL: opts.databaseUrl,
      FLOOR_AUTH_SECRET: opts.authSecret,
      FLOOR_APP_ROLE: opts.appRole,
      FLOOR_POOL_MAX: String(opts.poolMax),
    },
    port,
  });
}
