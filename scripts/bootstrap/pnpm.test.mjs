// Which pnpm the bootstrap runs: the pinned one from PATH, else a private copy, installed only when missing.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { pinnedPnpmVersion, resolvePnpm } from "./pnpm.mjs";
import { capture } from "./system.mjs";
import { fakeExecutable, tempDir } from "./testing.mjs";

/** @typedef {import("./pnpm.mjs").PnpmHost} PnpmHost */

const VERSION = "12.21.0";

/**
 * A machine without pnpm; `install` writes a private copy reporting `installs` (or fails with `installFails`).
 * @param {string} dir
 * @param {{ installs?: string, installFails?: string }} [behaviour]
 */
function host(dir, { installs = VERSION, installFails } = {}) {
  const binDir = path.join(dir, "path-bin");
  mkdirSync(binDir, { recursive: true });
  const privateBin = path.join(dir, "tools", "pnpm@12.21.0", "node_modules", ".bin", "pnpm");
  const calls = { install: 0 };
  /** @type {string[]} */
  const logged = [];
  /** @type {PnpmHost} */
  const h = {
    version: VERSION,
    pathEnv: binDir,
    privateBin,
    versionOf: (executable) => {
      const result = capture(executable, ["--version"]);
      return result.ok ? result.output : undefined;
    },
    install: () => {
      calls.install += 1;
      if (installFails) return Promise.resolve({ ok: false, detail: installFails });
      fakeExecutable(privateBin, { stdout: installs });
      return Promise.resolve({ ok: true, output: "" });
    },
    log: (message) => logged.push(message),
  };
  return { host: h, binDir, privateBin, calls, logged };
}

describe("resolvePnpm", () => {
  test("uses the pinned pnpm from PATH as it is, without touching PATH", async (t) => {
    const { host: h, binDir, calls } = host(tempDir(t));
    const onPath = fakeExecutable(path.join(binDir, "pnpm"), { stdout: VERSION });

    assert.deepEqual(await resolvePnpm(h), {
      ok: true,
      executable: onPath,
      binDir: undefined,
      source: onPath,
    });
    assert.equal(calls.install, 0);
  });

  test("another pnpm on PATH is passed over for a private copy, which goes first on PATH", async (t) => {
    const { host: h, binDir, privateBin, calls, logged } = host(tempDir(t));
    fakeExecutable(path.join(binDir, "pnpm"), { stdout: "10.34.1" });

    assert.deepEqual(await resolvePnpm(h), {
      ok: true,
      executable: privateBin,
      binDir: path.dirname(privateBin),
      source: `${privateBin} (just installed)`,
    });
    assert.equal(calls.install, 1);
    assert.deepEqual(logged, [
      "pnpm on PATH is 10.34.1, not 12.21.0: using a private copy",
      "installing pnpm 12.21.0 with npm (no global install)…",
    ]);
  });

  test("a private copy installed earlier is reused", async (t) => {
    const { host: h, privateBin, calls } = host(tempDir(t));
    fakeExecutable(privateBin, { stdout: VERSION });

    assert.deepEqual(await resolvePnpm(h), {
      ok: true,
      executable: privateBin,
      binDir: path.dirname(privateBin),
      source: privateBin,
    });
    assert.equal(calls.install, 0);
  });

  test("a failed install stops with what to do", async (t) => {
    const failed = host(tempDir(t), { installFails: "npm exited with 1" });
    assert.deepEqual(await resolvePnpm(failed.host), {
      ok: false,
      message:
        "could not get pnpm 12.21.0 (npm install failed: npm exited with 1); install it yourself " +
        "(`npm install -g pnpm@12.21.0`) and run this command again",
    });

    const wrong = host(tempDir(t), { installs: "12.20.0" });
    const result = await resolvePnpm(wrong.host);
    assert.deepEqual(result, {
      ok: false,
      message:
        "could not get pnpm 12.21.0 (the installed copy reports 12.20.0); install it yourself " +
        "(`npm install -g pnpm@12.21.0`) and run this command again",
    });
  });
});

describe("pinnedPnpmVersion", () => {
  test("reads the exact version from devEngines.packageManager", () => {
    const manifest = { devEngines: { packageManager: { name: "pnpm", version: "12.21.0" } } };
    assert.equal(pinnedPnpmVersion(manifest), "12.21.0");
  });

  test("refuses a range, another package manager or no pin", () => {
    for (const manifest of [
      { devEngines: { packageManager: { name: "pnpm", version: "^12.21.0" } } },
      { devEngines: { packageManager: { name: "yarn", version: "4.5.0" } } },
      {},
    ]) {
      assert.throws(() => pinnedPnpmVersion(manifest), /must pin pnpm exactly/);
    }
  });
});
