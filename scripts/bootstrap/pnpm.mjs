// Which pnpm the bootstrap runs: the pinned version from the PATH when it is there, else a private copy installed with
// npm under .cache/bootstrap (no global-install rights needed).
import path from "node:path";

import { isExecutableFile, which } from "./system.mjs";

/**
 * The pnpm version the repo pins in package.json `devEngines.packageManager`; exact, since the lockfile format and
 * pnpm 12's settings (`allowBuilds`) depend on it.
 * @param {unknown} rootManifest parsed root package.json
 * @returns {string}
 */
export function pinnedPnpmVersion(rootManifest) {
  const manager =
    /** @type {{ devEngines?: { packageManager?: { name?: unknown, version?: unknown } } }} */ (
      rootManifest
    ).devEngines?.packageManager;
  const version = manager?.version;
  if (manager?.name !== "pnpm" || typeof version !== "string" || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(
      'package.json must pin pnpm exactly in devEngines.packageManager ({ "name": "pnpm", "version": "x.y.z" })',
    );
  }
  return version;
}

/**
 * @typedef {object} PnpmHost
 * @property {string} version the pinned version
 * @property {string} pathEnv PATH of this process
 * @property {string} privateBin where the private copy's `pnpm` lives once installed
 * @property {(executable: string) => string | undefined} versionOf runs `<executable> --version`
 * @property {() => Promise<import("./system.mjs").Outcome>} install installs the private copy
 * @property {(message: string) => void} log
 */

/**
 * @typedef {{ ok: true, executable: string, binDir: string | undefined, source: string }
 *   | { ok: false, message: string }} PnpmResolution
 * `binDir` is set when that directory must go first on PATH, so child processes that call `pnpm` get the same one.
 */

/**
 * @param {PnpmHost} host
 * @returns {Promise<PnpmResolution>}
 */
export async function resolvePnpm(host) {
  const { version, privateBin } = host;
  const onPath = which("pnpm", host.pathEnv);
  if (onPath) {
    const found = host.versionOf(onPath);
    if (found === version)
      return { ok: true, executable: onPath, binDir: undefined, source: onPath };
    host.log(`pnpm on PATH is ${found ?? "unusable"}, not ${version}: using a private copy`);
  }

  const privateDir = path.dirname(privateBin);
  if (isExecutableFile(privateBin) && host.versionOf(privateBin) === version) {
    return { ok: true, executable: privateBin, binDir: privateDir, source: privateBin };
  }

  host.log(`installing pnpm ${version} with npm (no global install)…`);
  const installed = await host.install();
  const foundAfter = isExecutableFile(privateBin) ? host.versionOf(privateBin) : undefined;
  if (installed.ok && foundAfter === version) {
    return {
      ok: true,
      executable: privateBin,
      binDir: privateDir,
      source: `${privateBin} (just installed)`,
    };
  }
  const why = installed.ok
    ? `the installed copy reports ${foundAfter ?? "nothing"}`
    : `npm install failed: ${installed.detail}`;
  return {
    ok: false,
    message: `could not get pnpm ${version} (${why}); install it yourself (\`npm install -g pnpm@${version}\`) and run this command again`,
  };
}
