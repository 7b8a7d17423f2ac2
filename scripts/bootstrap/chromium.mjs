// Which Chromium the browser tests drive, found or provisioned before anything slow runs, in this order:
// PLAYWRIGHT_CHROMIUM_PATH, a system Chromium or Chrome, Playwright's browser cache, `playwright install chromium` when
// Playwright's download host answers, and the distribution's package when running as root on Debian/Ubuntu.
// Every candidate must start (`--version`): a broken install is skipped with its reason, not handed to Playwright.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

import { isExecutableFile, realpathOr, which } from "./system.mjs";

/** @typedef {import("./system.mjs").Outcome} Outcome */

/** Executable names of a system Chromium or Chrome, looked up on PATH in this order. */
export const SYSTEM_NAMES = [
  "chromium",
  "chromium-browser",
  "google-chrome-stable",
  "google-chrome",
  "chrome",
];

/**
 * The usual install locations, tried after PATH (CHROMIUM_SEARCH_PATHS replaces them).
 * @param {NodeJS.Platform} platform
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {string[]}
 */
export function defaultSearchPaths(platform, env) {
  if (platform === "darwin") {
    return [
      "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
      "/Applications/Chromium.app/Contents/MacOS/Chromium",
    ];
  }
  if (platform === "win32") {
    return [env.ProgramFiles, env["ProgramFiles(x86)"], env.LOCALAPPDATA]
      .filter((base) => base !== undefined && base !== "")
      .map((base) => path.join(String(base), "Google", "Chrome", "Application", "chrome.exe"));
  }
  return [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome-stable",
    "/usr/bin/google-chrome",
    "/opt/google/chrome/chrome",
  ];
}

/**
 * Playwright's browser directory as playwright-core computes it; undefined for PLAYWRIGHT_BROWSERS_PATH=0, which keeps
 * browsers inside node_modules (not there before the install).
 * @param {NodeJS.Platform} platform
 * @param {Readonly<Record<string, string | undefined>>} env
 * @param {string} homedir
 * @returns {string | undefined}
 */
export function playwrightCacheDir(platform, env, homedir) {
  const configured = env.PLAYWRIGHT_BROWSERS_PATH;
  if (configured === "0") return undefined;
  if (configured) return path.resolve(configured);
  if (platform === "darwin") return path.join(homedir, "Library", "Caches", "ms-playwright");
  if (platform === "win32") {
    return path.join(env.LOCALAPPDATA ?? path.join(homedir, "AppData", "Local"), "ms-playwright");
  }
  return path.join(env.XDG_CACHE_HOME ?? path.join(homedir, ".cache"), "ms-playwright");
}

/** Where a browser directory of Playwright's cache keeps its executable, current layouts first. */
const CACHE_LAYOUTS = {
  linux: [
    ["chrome-linux64", "chrome"],
    ["chrome-linux-arm64", "chrome"],
    ["chrome-linux", "chrome"],
    ["chrome-headless-shell-linux64", "chrome-headless-shell"],
    ["chrome-headless-shell-linux-arm64", "chrome-headless-shell"],
    ["chrome-linux", "headless_shell"],
  ],
  darwin: ["chrome-mac-arm64", "chrome-mac-x64"]
    .map((dir) => [
      dir,
      "Google Chrome for Testing.app",
      "Contents",
      "MacOS",
      "Google Chrome for Testing",
    ])
    .concat([
      ["chrome-mac", "Chromium.app", "Contents", "MacOS", "Chromium"],
      ["chrome-headless-shell-mac-arm64", "chrome-headless-shell"],
      ["chrome-headless-shell-mac-x64", "chrome-headless-shell"],
    ]),
  win32: [
    ["chrome-win64", "chrome.exe"],
    ["chrome-win", "chrome.exe"],
    ["chrome-headless-shell-win64", "chrome-headless-shell.exe"],
  ],
};

/**
 * Complete Chromium installs in Playwright's cache: full builds before headless shells, newest revision first.
 * (Before `pnpm install` the revision the pinned Playwright wants is unknown; any recent one drives the tests.)
 * @param {string} cacheDir
 * @param {NodeJS.Platform} platform
 * @returns {string[]}
 */
export function playwrightCacheExecutables(cacheDir, platform) {
  /** @type {string[]} */
  let entries;
  try {
    entries = readdirSync(cacheDir);
  } catch {
    return [];
  }
  const layouts =
    platform === "darwin" || platform === "win32" ? CACHE_LAYOUTS[platform] : CACHE_LAYOUTS.linux;
  return entries
    .flatMap((name) => {
      const match = /^chromium(_headless_shell)?-(\d+)$/.exec(name);
      // Playwright writes the marker last: without it the download was interrupted.
      if (!match || !existsSync(path.join(cacheDir, name, "INSTALLATION_COMPLETE"))) return [];
      return [{ name, shell: match[1] !== undefined, revision: Number(match[2]) }];
    })
    .sort((a, b) => Number(a.shell) - Number(b.shell) || b.revision - a.revision)
    .flatMap(({ name }) => layouts.map((layout) => path.join(cacheDir, name, ...layout)))
    .filter(isExecutableFile);
}

/**
 * @typedef {{ available: true, install: () => Promise<Outcome>, paths: () => (string | undefined)[] }
 *   | { available: false, reason: string, suggest: boolean }} AptRoute
 * `paths` are where the package's executable is looked for after the install; `suggest` says whether to tell the
 * user to run the install themselves (Debian/Ubuntu, but not root).
 */

/**
 * @typedef {object} ChromiumHost facts and actions the search depends on (real ones in bootstrap.mjs, fakes in tests)
 * @property {string | undefined} configuredPath PLAYWRIGHT_CHROMIUM_PATH
 * @property {string} pathEnv PATH
 * @property {string[]} searchPaths the usual install locations
 * @property {string | undefined} cacheDir Playwright's browser cache
 * @property {NodeJS.Platform} platform
 * @property {(executable: string) => Outcome} tryLaunch runs `<executable> --version`
 * @property {{ host: string, reachable: () => Promise<boolean>, install: () => Promise<Outcome> }} download
 *   `playwright install chromium` and whether its download host answers
 * @property {AptRoute} apt
 * @property {string} playwrightVersion for the advice in the failure message
 * @property {(message: string) => void} log
 */

/**
 * @typedef {{ ok: true, executable: string, version: string, source: string } | { ok: false, message: string }}
 *   ChromiumResolution
 */

/**
 * @param {ChromiumHost} host
 * @returns {Promise<ChromiumResolution>}
 */
export async function resolveChromium(host) {
  const configured = host.configuredPath;
  if (configured) {
    const advice = "point it at a Chromium or Chrome executable, or unset it";
    if (!isExecutableFile(configured)) {
      return {
        ok: false,
        message: `PLAYWRIGHT_CHROMIUM_PATH=${configured} is not an executable file: ${advice}`,
      };
    }
    const launched = host.tryLaunch(configured);
    if (!launched.ok) {
      return {
        ok: false,
        message: `PLAYWRIGHT_CHROMIUM_PATH=${configured} does not start (${launched.detail}): ${advice}`,
      };
    }
    return {
      ok: true,
      executable: configured,
      version: launched.output,
      source: "PLAYWRIGHT_CHROMIUM_PATH",
    };
  }

  /** Short reasons, one per route, for the failure message. */
  const tried = [];
  /** Realpaths already launched, so /bin/chromium and /usr/bin/chromium are tried once. */
  const seen = new Set();
  /**
   * @param {(string | undefined)[]} candidates
   * @param {string} source
   * @returns {ChromiumResolution | undefined}
   */
  const firstThatStarts = (candidates, source) => {
    for (const candidate of candidates) {
      if (!candidate || !isExecutableFile(candidate)) continue;
      const real = realpathOr(candidate);
      if (seen.has(real)) continue;
      seen.add(real);
      const launched = host.tryLaunch(candidate);
      if (launched.ok) return { ok: true, executable: candidate, version: launched.output, source };
      tried.push(`${candidate} does not start (${launched.detail})`);
    }
    return undefined;
  };

  const system = firstThatStarts(
    [...SYSTEM_NAMES.map((name) => which(name, host.pathEnv)), ...host.searchPaths],
    "system",
  );
  if (system) return system;
  tried.push(`no working ${SYSTEM_NAMES.join("/")} on PATH or in the usual locations`);

  const cacheDir = host.cacheDir;
  if (cacheDir) {
    const cached = firstThatStarts(
      playwrightCacheExecutables(cacheDir, host.platform),
      "Playwright's cache",
    );
    if (cached) return cached;
    tried.push(`none in ${cacheDir}`);
  } else {
    tried.push("Playwright's cache is inside node_modules (PLAYWRIGHT_BROWSERS_PATH=0)");
  }

  if (await host.download.reachable()) {
    host.log(`no Chromium yet: downloading Playwright's (from ${host.download.host})…`);
    const installed = await host.download.install();
    // Looked at even after a failure: `install chromium` also fetches FFmpeg and the headless shell, and a failure
    // there leaves a complete Chromium behind (the tests need neither).
    if (cacheDir) {
      seen.clear(); // what failed before the install may start now
      const downloaded = firstThatStarts(
        playwrightCacheExecutables(cacheDir, host.platform),
        "playwright install chromium",
      );
      if (downloaded) return downloaded;
    }
    tried.push(
      installed.ok
        ? "`playwright install chromium` left nothing that starts"
        : `\`playwright install chromium\` failed (${installed.detail})`,
    );
  } else {
    tried.push(`${host.download.host} does not answer`);
  }

  const apt = host.apt;
  if (apt.available) {
    host.log("no Chromium yet: installing the distribution's package (apt-get install chromium)…");
    const installed = await apt.install();
    if (installed.ok) {
      seen.clear();
      const packaged = firstThatStarts(apt.paths(), "apt-get install chromium");
      if (packaged) return packaged;
    }
    tried.push(
      installed.ok
        ? "`apt-get install chromium` left nothing that starts"
        : `\`apt-get install chromium\` failed (${installed.detail})`,
    );
  } else {
    tried.push(apt.reason);
  }

  const download = `\`npx playwright@${host.playwrightVersion} install chromium\` where the internet is reachable`;
  const ways =
    !apt.available && apt.suggest ? `\`sudo apt-get install chromium\`, or ${download}` : download;
  return {
    ok: false,
    message: `no Chromium for the browser tests (${tried.join("; ")}): set PLAYWRIGHT_CHROMIUM_PATH to a Chromium or Chrome executable, or install one (${ways}), then run this command again`,
  };
}
