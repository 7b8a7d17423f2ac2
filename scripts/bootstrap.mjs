// The README's commands for a machine with only Node.js: `node scripts/bootstrap.mjs test|dev|start`. Gets the pinned
// pnpm without a global install; for `test`, finds or provisions a Chromium first, so a missing browser stops the run in
// seconds instead of failing the browser tests after ten minutes of lint, type checks and unit tests; installs from the
// lockfile; points the tests at a local PostgreSQL and Redis when they answer (and, with PostgreSQL, finds or installs the
// PgBouncer the pooled-connection tests start); then runs `pnpm <command>`.
// Plain JavaScript on Node's standard library, since nothing is installed when it starts.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { constants, homedir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { defaultSearchPaths, playwrightCacheDir, resolveChromium } from "./bootstrap/chromium.mjs";
import { PGBOUNCER_SEARCH_PATHS, resolvePgBouncer } from "./bootstrap/pgbouncer.mjs";
import { pinnedPnpmVersion, resolvePnpm } from "./bootstrap/pnpm.mjs";
import {
  LOCAL_POSTGRES_URL,
  LOCAL_REDIS_URL,
  postgresAcceptsTrust,
  redisAnswersPing,
} from "./bootstrap/services.mjs";
import { capture, installNpmPackage, isWindows, npmBin, run, which } from "./bootstrap/system.mjs";

/** @typedef {import("./bootstrap/system.mjs").Outcome} Outcome */
/** @typedef {import("./bootstrap/chromium.mjs").AptRoute} AptRoute */

const COMMANDS = ["test", "dev", "start"];
const rootDir = fileURLToPath(new URL("..", import.meta.url));
// Private tool installs (pnpm, and playwright-core when it has to download a browser); git- and docker-ignored.
const toolsDir = path.join(rootDir, ".cache", "bootstrap");

// ---- Configuration: the only place this script reads the environment; children get it, plus what is found here.
// eslint-disable-next-line no-restricted-syntax
const env = { ...process.env };
const pathEnv = env.PATH ?? "";

/** @param {string} message */
const log = (message) => console.log(`bootstrap: ${message}`);

/**
 * Stops with one line saying what is wrong and what to do.
 * @param {string} message
 * @returns {never}
 */
function fail(message, code = 1) {
  console.error(`bootstrap: ${message}`);
  process.exit(code);
}

/**
 * @param {string} file relative to the repo root
 * @returns {Record<string, unknown>}
 */
const readManifest = (file) =>
  /** @type {Record<string, unknown>} */ (
    JSON.parse(readFileSync(path.join(rootDir, file), "utf8"))
  );

const command = process.argv[2] ?? "";
if (!COMMANDS.includes(command) || process.argv.length > 3) {
  fail(`usage: node scripts/bootstrap.mjs ${COMMANDS.join("|")}`, 2);
}
const rootManifest = readManifest("package.json");

// ---- Node itself: the one thing the user must bring. ------------------------------------------------------------
const engines = /** @type {{ node?: string } | undefined} */ (rootManifest.engines);
const minimum = /^>=\s*(\d+)(?:\.(\d+))?/.exec(engines?.node ?? "");
if (minimum) {
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  const [wantMajor, wantMinor] = [Number(minimum[1]), Number(minimum[2] ?? 0)];
  if (major < wantMajor || (major === wantMajor && minor < wantMinor)) {
    fail(
      `Node.js ${engines?.node ?? ""} is required, this is ${process.version}: install a newer Node.js`,
    );
  }
}

// ---- Chromium (test only), before anything slow. ------------------------------------------------------------------
/**
 * Installing a distribution package as root on Debian/Ubuntu, for the tools the tests need.
 * @param {string} packageName
 * @param {() => (string | undefined)[]} paths where the package's executable is after the install
 * @returns {AptRoute}
 */
function aptRoute(packageName, paths) {
  if (process.platform !== "linux") {
    return { available: false, reason: "no distribution package to install here", suggest: false };
  }
  /** @type {string} */
  let osRelease;
  try {
    osRelease = readFileSync("/etc/os-release", "utf8");
  } catch {
    osRelease = "";
  }
  const ids = [...osRelease.matchAll(/^ID(?:_LIKE)?=(.*)$/gm)].flatMap((match) =>
    (match[1] ?? "").replace(/["']/g, "").split(/\s+/),
  );
  if (!ids.includes("debian") && !ids.includes("ubuntu")) {
    return { available: false, reason: "not Debian/Ubuntu, so no apt-get install", suggest: false };
  }
  if (process.getuid?.() !== 0) {
    return {
      available: false,
      reason: `apt-get install ${packageName} needs root`,
      suggest: true,
    };
  }
  // apt-get and dpkg need the system directories on PATH, whatever this process was given.
  /** @type {NodeJS.ProcessEnv} */
  const aptEnv = { ...env, DEBIAN_FRONTEND: "noninteractive" };
  aptEnv.PATH = [
    pathEnv,
    "/usr/local/sbin",
    "/usr/local/bin",
    "/usr/sbin",
    "/usr/bin",
    "/sbin",
    "/bin",
  ]
    .filter(Boolean)
    .join(path.delimiter);
  const aptGet = which("apt-get", aptEnv.PATH) ?? "apt-get";
  return {
    available: true,
    install: async () => {
      const updated = await run(aptGet, ["update", "-qq"], { env: aptEnv });
      if (updated !== 0) return { ok: false, detail: `apt-get update exited with ${updated}` };
      const installed = await run(aptGet, ["install", "-y", "-qq", packageName], {
        env: aptEnv,
        quiet: true,
      });
      return installed === 0
        ? { ok: true, output: "" }
        : { ok: false, detail: `apt-get install exited with ${installed}` };
    },
    paths,
  };
}

/**
 * Whether Playwright's download host answers. Node's fetch ignores proxy variables while Playwright's downloader
 * honours them, so behind a configured proxy the download is simply tried.
 * @param {string} url
 * @returns {Promise<boolean>}
 */
async function answers(url) {
  if (env.HTTPS_PROXY ?? env.https_proxy) return true;
  try {
    await fetch(url, { method: "HEAD", signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * `playwright install chromium` with the pinned playwright-core, before `pnpm install` so that a failure can still
 * fall back to the distribution's package; it downloads into the cache the tests' Playwright reads.
 * @param {string} version
 * @param {string} npm
 * @returns {Promise<Outcome>}
 */
async function playwrightInstall(version, npm) {
  const dir = path.join(toolsDir, `playwright-core@${version}`);
  const installed = await installNpmPackage({ npm, dir, spec: `playwright-core@${version}`, env });
  if (!installed.ok) return installed;
  const cli = path.join(dir, "node_modules", "playwright-core", "cli.js");
  const code = await run(process.execPath, [cli, "install", "chromium"], { env });
  return code === 0 ? { ok: true, output: "" } : { ok: false, detail: `exit code ${code}` };
}

const npm =
  which("npm", pathEnv) ?? path.join(path.dirname(process.execPath), isWindows ? "npm.cmd" : "npm");

if (command === "test") {
  const e2eManifest = readManifest("e2e/package.json");
  const devDependencies = /** @type {Record<string, string>} */ (e2eManifest.devDependencies ?? {});
  const playwrightVersion = devDependencies["@playwright/test"] ?? "";
  if (!/^\d+\.\d+\.\d+$/.test(playwrightVersion))
    fail("e2e/package.json must pin @playwright/test exactly");
  const downloadHost =
    env.PLAYWRIGHT_CHROMIUM_DOWNLOAD_HOST ??
    env.PLAYWRIGHT_DOWNLOAD_HOST ??
    "https://cdn.playwright.dev";
  const searchPaths = env.CHROMIUM_SEARCH_PATHS;
  log("looking for a Chromium for the browser tests…");
  const chromium = await resolveChromium({
    configuredPath: env.PLAYWRIGHT_CHROMIUM_PATH?.trim(),
    pathEnv,
    searchPaths:
      searchPaths === undefined
        ? defaultSearchPaths(process.platform, env)
        : searchPaths.split(path.delimiter).filter(Boolean),
    cacheDir: playwrightCacheDir(process.platform, env, homedir()),
    platform: process.platform,
    tryLaunch: (executable) => capture(executable, ["--version"], { env }),
    download: {
      host: downloadHost,
      reachable: () => answers(downloadHost),
      install: () => playwrightInstall(playwrightVersion, npm),
    },
    // Debian's package installs /usr/bin/chromium.
    apt: aptRoute("chromium", () => [which("chromium", pathEnv), "/usr/bin/chromium"]),
    playwrightVersion,
    log,
  });
  if (!chromium.ok) fail(chromium.message);
  env.PLAYWRIGHT_CHROMIUM_PATH = chromium.executable;
  log(`Chromium: ${chromium.executable} (${chromium.version}; ${chromium.source})`);

  // Real servers when this machine runs usable ones; otherwise the tests fall back to embedded PostgreSQL and memory.
  if (!env.TEST_DATABASE_ADMIN_URL && !env.DATABASE_URL && (await postgresAcceptsTrust())) {
    env.TEST_DATABASE_ADMIN_URL = LOCAL_POSTGRES_URL;
  }
  if (!env.REDIS_URL && (await redisAnswersPing())) env.REDIS_URL = LOCAL_REDIS_URL;
  // With a PostgreSQL server, the isolation tests also run through PgBouncer in transaction mode
  // (packages/api/vitest.pgbouncer.config.ts): find or install it now rather than fail there.
  if (env.TEST_DATABASE_ADMIN_URL ?? env.DATABASE_URL) {
    const pgbouncer = await resolvePgBouncer({
      configuredPath: env.PGBOUNCER_PATH?.trim(),
      pathEnv,
      searchPaths: PGBOUNCER_SEARCH_PATHS,
      tryLaunch: (executable) => capture(executable, ["--version"], { env }),
      apt: aptRoute("pgbouncer", () => PGBOUNCER_SEARCH_PATHS),
      log,
    });
    if (!pgbouncer.ok) fail(pgbouncer.message);
    env.PGBOUNCER_PATH = pgbouncer.executable;
    log(`PgBouncer: ${pgbouncer.executable} (${pgbouncer.version}; ${pgbouncer.source})`);
  }
  const database = env.TEST_DATABASE_ADMIN_URL ?? env.DATABASE_URL ?? "embedded PGlite";
  log(`database for tests: ${database}; redis: ${env.REDIS_URL ?? "none (in-memory limiter)"}`);
  env.NEXT_TELEMETRY_DISABLED ??= "1";
  env.TURBO_TELEMETRY_DISABLED ??= "1";
}

// ---- pnpm, then the install from the lockfile. ------------------------------------------------------------------
const pnpmVersion = (() => {
  try {
    return pinnedPnpmVersion(rootManifest);
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();
const pnpmDir = path.join(toolsDir, `pnpm@${pnpmVersion}`);
const pnpm = await resolvePnpm({
  version: pnpmVersion,
  pathEnv,
  privateBin: npmBin(pnpmDir, "pnpm"),
  versionOf: (executable) => {
    const result = capture(executable, ["--version"], { env });
    return result.ok ? result.output : undefined;
  },
  install: () => installNpmPackage({ npm, dir: pnpmDir, spec: `pnpm@${pnpmVersion}`, env }),
  log,
});
if (!pnpm.ok) fail(pnpm.message);
// Turbo and the repo's scripts call `pnpm` by name: they must find this one.
if (pnpm.binDir) env.PATH = [pnpm.binDir, pathEnv].filter(Boolean).join(path.delimiter);
log(`pnpm ${pnpmVersion}: ${pnpm.source}`);

const installed = await run(pnpm.executable, ["install", "--frozen-lockfile"], {
  env,
  cwd: rootDir,
});
if (installed !== 0)
  fail(`pnpm install --frozen-lockfile failed (exit code ${installed}), see above`, installed);

// ---- The command itself. ----------------------------------------------------------------------------------------
log(`pnpm ${command}`);
const child = spawn(pnpm.executable, [command], {
  env,
  cwd: rootDir,
  stdio: "inherit",
  shell: isWindows && /\.cmd$/i.test(pnpm.executable),
});
// Ctrl-C reaches the whole foreground process group, the child included: wait for it to finish shutting down. A
// supervisor's SIGTERM or SIGHUP is addressed to this process only, so pass it on.
process.on("SIGINT", () => undefined);
for (const signal of /** @type {const} */ (["SIGTERM", "SIGHUP"])) {
  process.on(signal, () => child.kill(signal));
}
child.once("error", (error) => fail(`could not start pnpm: ${error.message}`));
child.once("close", (code, signal) => {
  process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0));
});
