// The PgBouncer search: configured path first, then the system, then Debian's package, and one line when none works.
import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";

import { resolvePgBouncer } from "./pgbouncer.mjs";
import { capture } from "./system.mjs";
import { fakeExecutable, tempDir } from "./testing.mjs";

/** @typedef {import("./pgbouncer.mjs").PgBouncerHost} PgBouncerHost */

const WORKS = { stdout: "PgBouncer 1.18.0\nlibevent 2.1.12-stable" };
const BROKEN = { stderr: "error while loading shared libraries: libevent", code: 127 };

/**
 * A host with nothing installed and no apt: each test adds what it needs.
 * @param {string} dir
 * @param {Partial<PgBouncerHost>} overrides
 * @returns {PgBouncerHost}
 */
function host(dir, overrides = {}) {
  return {
    configuredPath: undefined,
    pathEnv: path.join(dir, "bin"),
    searchPaths: [path.join(dir, "sbin", "pgbouncer")],
    tryLaunch: (/** @type {string} */ executable) => capture(executable, ["--version"]),
    apt: { available: false, reason: "not Debian/Ubuntu, so no apt-get install", suggest: false },
    log: () => undefined,
    ...overrides,
  };
}

describe("resolvePgBouncer", () => {
  test("uses PGBOUNCER_PATH when it starts, and refuses a broken one instead of looking elsewhere", async (t) => {
    const dir = tempDir(t);
    const configured = fakeExecutable(path.join(dir, "custom", "pgbouncer"), WORKS);
    fakeExecutable(path.join(dir, "bin", "pgbouncer"), WORKS);
    const found = await resolvePgBouncer(host(dir, { configuredPath: configured }));
    assert.deepEqual(found, {
      ok: true,
      executable: configured,
      version: "PgBouncer 1.18.0",
      source: "PGBOUNCER_PATH",
    });

    const broken = fakeExecutable(path.join(dir, "broken", "pgbouncer"), BROKEN);
    const refused = await resolvePgBouncer(host(dir, { configuredPath: broken }));
    assert.equal(refused.ok, false);
    assert.match(
      refused.ok ? "" : refused.message,
      /PGBOUNCER_PATH=.*does not start.*fix or unset it/,
    );
  });

  test("finds Debian's /usr/sbin location when PATH lacks it, skipping one that does not start", async (t) => {
    const dir = tempDir(t);
    fakeExecutable(path.join(dir, "bin", "pgbouncer"), BROKEN);
    const sbin = fakeExecutable(path.join(dir, "sbin", "pgbouncer"), WORKS);
    const found = await resolvePgBouncer(host(dir));
    assert.deepEqual(found, {
      ok: true,
      executable: sbin,
      version: "PgBouncer 1.18.0",
      source: "system",
    });
  });

  test("installs the distribution's package as root when nothing is there", async (t) => {
    const dir = tempDir(t);
    let installs = 0;
    const packaged = path.join(dir, "apt", "pgbouncer");
    const found = await resolvePgBouncer(
      host(dir, {
        apt: {
          available: true,
          install: async () => {
            installs++;
            fakeExecutable(packaged, WORKS);
            return { ok: true, output: "" };
          },
          paths: () => [packaged],
        },
      }),
    );
    assert.equal(installs, 1);
    assert.deepEqual(found, {
      ok: true,
      executable: packaged,
      version: "PgBouncer 1.18.0",
      source: "apt-get install pgbouncer",
    });
  });

  test("stops with one line naming what was tried and what to do", async (t) => {
    const dir = tempDir(t);
    /** @type {import("./chromium.mjs").AptRoute} */
    const apt = { available: false, reason: "apt-get install pgbouncer needs root", suggest: true };
    const failed = await resolvePgBouncer(host(dir, { apt }));
    assert.equal(failed.ok, false);
    const message = failed.ok ? "" : failed.message;
    assert.match(message, /no working pgbouncer on PATH/);
    assert.match(message, /needs root/);
    assert.match(message, /`sudo apt-get install pgbouncer`, or set PGBOUNCER_PATH/);
    assert.doesNotMatch(message, /\n/);
  });
});
