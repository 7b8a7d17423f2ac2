// The browser search: its order, that every candidate must start, and the one-line stop when nothing works.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { playwrightCacheDir, playwrightCacheExecutables, resolveChromium } from "./chromium.mjs";
import { capture } from "./system.mjs";
import { fakeExecutable, tempDir } from "./testing.mjs";

/** @typedef {import("./chromium.mjs").ChromiumHost} ChromiumHost */

const WORKS = { stdout: "Chromium 999.0.1 built for a test" };
const BROKEN = { stderr: "error while loading shared libraries: libnss3.so", code: 127 };

/**
 * Puts a complete (or, with `complete: false`, interrupted) Chromium build into a Playwright-style cache.
 * @param {string} cacheDir
 * @param {string} browserDir e.g. chromium-1255
 * @param {string[]} layout path of the executable inside it
 */
function cachedBuild(cacheDir, browserDir, layout, { complete = true, works = true } = {}) {
  const executable = fakeExecutable(
    path.join(cacheDir, browserDir, ...layout),
    works ? WORKS : BROKEN,
  );
  if (complete) writeFileSync(path.join(cacheDir, browserDir, "INSTALLATION_COMPLETE"), "");
  return executable;
}

/**
 * A host with nothing installed and no way to provision: each test adds what it needs. `calls` records the
 * provisioning attempts.
 * @param {string} dir
 * @param {Partial<ChromiumHost>} overrides
 */
function host(dir, overrides = {}) {
  const calls = { reachable: 0, download: 0, apt: 0 };
  const binDir = path.join(dir, "bin");
  mkdirSync(binDir, { recursive: true });
  /** @type {string[]} */
  const logged = [];
  /** @type {ChromiumHost} */
  const base = {
    configuredPath: undefined,
    pathEnv: binDir,
    searchPaths: [],
    cacheDir: path.join(dir, "ms-playwright"),
    platform: "linux",
    tryLaunch: (executable) => capture(executable, ["--version"]),
    download: {
      host: "https://cdn.playwright.test",
      reachable: () => {
        calls.reachable += 1;
        return Promise.resolve(false);
      },
      install: () => {
        calls.download += 1;
        return Promise.resolve({ ok: false, detail: "not expected in this test" });
      },
    },
    apt: { available: false, reason: "apt-get install chromium needs root", suggest: true },
    playwrightVersion: "1.65.1",
    log: (message) => logged.push(message),
  };
  return { host: { ...base, ...overrides }, calls, binDir, logged };
}

describe("resolveChromium", () => {
  test("PLAYWRIGHT_CHROMIUM_PATH comes first, once it starts", async (t) => {
    const dir = tempDir(t);
    const configured = fakeExecutable(path.join(dir, "my", "chrome"), {
      stdout: "Google Chrome 158.0",
    });
    const { host: h, binDir, calls } = host(dir, { configuredPath: configured });
    fakeExecutable(path.join(binDir, "chromium"), WORKS);

    const found = await resolveChromium(h);

    assert.deepEqual(found, {
      ok: true,
      executable: configured,
      version: "Google Chrome 158.0",
      source: "PLAYWRIGHT_CHROMIUM_PATH",
    });
    assert.equal(calls.reachable, 0);
  });

  test("a PLAYWRIGHT_CHROMIUM_PATH that is missing or does not start stops at once, without falling back", async (t) => {
    const dir = tempDir(t);
    const missing = path.join(dir, "nowhere", "chrome");
    const { host: h, binDir, calls } = host(dir, { configuredPath: missing });
    fakeExecutable(path.join(binDir, "chromium"), WORKS);

    const notThere = await resolveChromium(h);
    assert.deepEqual(notThere, {
      ok: false,
      message: `PLAYWRIGHT_CHROMIUM_PATH=${missing} is not an executable file: point it at a Chromium or Chrome executable, or unset it`,
    });

    const broken = fakeExecutable(path.join(dir, "broken-chrome"), BROKEN);
    const doesNotStart = await resolveChromium({ ...h, configuredPath: broken });
    assert.deepEqual(doesNotStart, {
      ok: false,
      message: `PLAYWRIGHT_CHROMIUM_PATH=${broken} does not start (exit code 127: error while loading shared libraries: libnss3.so): point it at a Chromium or Chrome executable, or unset it`,
    });
    assert.deepEqual(calls, { reachable: 0, download: 0, apt: 0 });
  });

  test("a system browser on PATH, then at the usual locations; one that does not start is skipped", async (t) => {
    const dir = tempDir(t);
    const usual = fakeExecutable(path.join(dir, "opt", "chromium"), WORKS);
    const { host: h, binDir } = host(dir, { searchPaths: [path.join(dir, "absent"), usual] });
    fakeExecutable(path.join(binDir, "chromium"), BROKEN);
    const chrome = fakeExecutable(path.join(binDir, "google-chrome"), {
      stdout: "Google Chrome 158.0",
    });

    assert.deepEqual(await resolveChromium(h), {
      ok: true,
      executable: chrome,
      version: "Google Chrome 158.0",
      source: "system",
    });

    const withoutChrome = await resolveChromium({ ...h, pathEnv: path.join(dir, "empty") });
    assert.deepEqual(withoutChrome, {
      ok: true,
      executable: usual,
      version: WORKS.stdout,
      source: "system",
    });
  });

  test("Playwright's cache: a full build before a headless shell, the newest complete revision first", async (t) => {
    const dir = tempDir(t);
    const { host: h, calls } = host(dir);
    const cacheDir = String(h.cacheDir);
    cachedBuild(cacheDir, "chromium-1100", ["chrome-linux", "chrome"]);
    const wanted = cachedBuild(cacheDir, "chromium-1255", ["chrome-linux64", "chrome"]);
    cachedBuild(cacheDir, "chromium-1300", ["chrome-linux64", "chrome"], { complete: false });
    cachedBuild(cacheDir, "chromium-1299", ["chrome-linux64", "chrome"], { works: false });
    cachedBuild(cacheDir, "chromium_headless_shell-1400", [
      "chrome-headless-shell-linux64",
      "chrome-headless-shell",
    ]);

    const found = await resolveChromium(h);

    assert.deepEqual(found, {
      ok: true,
      executable: wanted,
      version: WORKS.stdout,
      source: "Playwright's cache",
    });
    assert.equal(calls.reachable, 0);
  });

  test("downloads Playwright's Chromium when its host answers, and uses what it installed", async (t) => {
    const dir = tempDir(t);
    const { host: h, calls, logged } = host(dir);
    const cacheDir = String(h.cacheDir);
    const found = await resolveChromium({
      ...h,
      download: {
        host: "https://cdn.playwright.test",
        reachable: () => Promise.resolve(true),
        install: () => {
          calls.download += 1;
          cachedBuild(cacheDir, "chromium-1255", ["chrome-linux64", "chrome"]);
          return Promise.resolve({ ok: true, output: "" });
        },
      },
    });

    assert.deepEqual(found, {
      ok: true,
      executable: path.join(cacheDir, "chromium-1255", "chrome-linux64", "chrome"),
      version: WORKS.stdout,
      source: "playwright install chromium",
    });
    assert.equal(calls.download, 1);
    assert.deepEqual(logged, [
      "no Chromium yet: downloading Playwright's (from https://cdn.playwright.test)…",
    ]);
  });

  test("uses the Chromium a partly failed download left complete", async (t) => {
    const dir = tempDir(t);
    const { host: h } = host(dir);
    const cacheDir = String(h.cacheDir);
    const found = await resolveChromium({
      ...h,
      download: {
        host: "https://cdn.playwright.test",
        reachable: () => Promise.resolve(true),
        install: () => {
          // Chromium arrived, then the FFmpeg download failed and the command exited with 1.
          cachedBuild(cacheDir, "chromium-1255", ["chrome-linux64", "chrome"]);
          return Promise.resolve({ ok: false, detail: "exit code 1" });
        },
      },
    });

    assert.deepEqual(found, {
      ok: true,
      executable: path.join(cacheDir, "chromium-1255", "chrome-linux64", "chrome"),
      version: WORKS.stdout,
      source: "playwright install chromium",
    });
  });

  test("falls back to the distribution's package when the download fails", async (t) => {
    const dir = tempDir(t);
    const packaged = path.join(dir, "usr", "bin", "chromium");
    const { host: h, calls } = host(dir, {
      download: {
        host: "https://cdn.playwright.test",
        reachable: () => Promise.resolve(true),
        install: () => Promise.resolve({ ok: false, detail: "exit code 1" }),
      },
      apt: {
        available: true,
        install: () => {
          calls.apt += 1;
          fakeExecutable(packaged, WORKS);
          return Promise.resolve({ ok: true, output: "" });
        },
        paths: () => [undefined, packaged],
      },
    });

    assert.deepEqual(await resolveChromium(h), {
      ok: true,
      executable: packaged,
      version: WORKS.stdout,
      source: "apt-get install chromium",
    });
    assert.equal(calls.apt, 1);
  });

  test("nothing works: one line with each route's reason and what to do, without trying to download", async (t) => {
    const dir = tempDir(t);
    const { host: h, binDir, calls } = host(dir);
    const broken = fakeExecutable(path.join(binDir, "chromium"), BROKEN);

    const result = await resolveChromium(h);

    assert.deepEqual(result, {
      ok: false,
      message:
        `no Chromium for the browser tests (${broken} does not start (exit code 127: error while loading shared ` +
        `libraries: libnss3.so); no working chromium/chromium-browser/google-chrome-stable/google-chrome/chrome on ` +
        `PATH or in the usual locations; none in ${String(h.cacheDir)}; https://cdn.playwright.test does not ` +
        `answer; apt-get install chromium needs root): set PLAYWRIGHT_CHROMIUM_PATH to a Chromium or Chrome ` +
        `executable, or install one (\`sudo apt-get install chromium\`, or \`npx playwright@1.65.1 install ` +
        `chromium\` where the internet is reachable), then run this command again`,
    });
    assert.deepEqual(calls, { reachable: 1, download: 0, apt: 0 });

    const elsewhere = await resolveChromium({
      ...h,
      pathEnv: path.join(dir, "empty"),
      apt: { available: false, reason: "not Debian/Ubuntu, so no apt-get install", suggest: false },
    });
    assert.equal(elsewhere.ok, false);
    assert.match(
      elsewhere.ok ? "" : elsewhere.message,
      /not Debian\/Ubuntu, so no apt-get install\): .*install one \(`npx playwright@1\.65\.1 install chromium` where the internet is reachable\)/,
    );
  });
});

describe("Playwright's cache", () => {
  test("is where playwright-core looks", () => {
    const home = "/home/dev";
    assert.equal(playwrightCacheDir("linux", {}, home), "/home/dev/.cache/ms-playwright");
    assert.equal(
      playwrightCacheDir("linux", { XDG_CACHE_HOME: "/var/cache/dev" }, home),
      "/var/cache/dev/ms-playwright",
    );
    assert.equal(
      playwrightCacheDir("linux", { PLAYWRIGHT_BROWSERS_PATH: "/srv/browsers" }, home),
      "/srv/browsers",
    );
    assert.equal(playwrightCacheDir("linux", { PLAYWRIGHT_BROWSERS_PATH: "0" }, home), undefined);
    assert.equal(
      playwrightCacheDir("darwin", {}, "/Users/dev"),
      "/Users/dev/Library/Caches/ms-playwright",
    );
  });

  test("lists nothing for a missing directory", () => {
    assert.deepEqual(playwrightCacheExecutables("/nonexistent/ms-playwright", "linux"), []);
  });
});
