// Which PgBouncer the pooled-connection tests start (packages/db/src/testing/pgbouncer.ts), found or provisioned
// before anything slow runs, like the browser: PGBOUNCER_PATH, `pgbouncer` on PATH or in Debian's location, and
// Debian's package when running as root on Debian/Ubuntu. Needed only when the tests use a PostgreSQL server.
import { isExecutableFile, realpathOr, which } from "./system.mjs";

/** @typedef {import("./system.mjs").Outcome} Outcome */
/** @typedef {import("./chromium.mjs").AptRoute} AptRoute */

/** Debian installs the daemon in /usr/sbin, which a non-root PATH often lacks. */
export const PGBOUNCER_SEARCH_PATHS = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"];

/**
 * @typedef {object} PgBouncerHost facts and actions the search depends on (real ones in bootstrap.mjs, fakes in tests)
 * @property {string | undefined} configuredPath PGBOUNCER_PATH
 * @property {string} pathEnv PATH
 * @property {string[]} searchPaths the usual install locations
 * @property {(executable: string) => Outcome} tryLaunch runs `<executable> --version`
 * @property {AptRoute} apt
 * @property {(message: string) => void} log
 */

/**
 * @param {PgBouncerHost} host
 * @returns {Promise<{ ok: true, executable: string, version: string, source: string }
 *   | { ok: false, message: string }>}
 */
export async function resolvePgBouncer(host) {
  /** @type {string[]} */
  const tried = [];
  const seen = new Set();
  /** @param {(string | undefined)[]} candidates @param {string} source */
  const firstThatStarts = (candidates, source) => {
    for (const candidate of candidates) {
      if (!candidate || !isExecutableFile(candidate)) continue;
      const real = realpathOr(candidate);
      if (seen.has(real)) continue;
      seen.add(real);
      const launched = host.tryLaunch(candidate);
      const version = launched.ok ? (launched.output.split("\n")[0] ?? "").trim() : "";
      if (launched.ok)
        return { ok: /** @type {const} */ (true), executable: candidate, version, source };
      tried.push(`${candidate} does not start (${launched.detail})`);
    }
    return undefined;
  };

  if (host.configuredPath) {
    const configured = firstThatStarts([host.configuredPath], "PGBOUNCER_PATH");
    if (configured) return configured;
    return {
      ok: false,
      message: `PGBOUNCER_PATH=${host.configuredPath} is not a PgBouncer that starts${tried.length ? ` (${tried.join("; ")})` : ""}: fix or unset it`,
    };
  }

  const system = firstThatStarts([which("pgbouncer", host.pathEnv), ...host.searchPaths], "system");
  if (system) return system;
  tried.push("no working pgbouncer on PATH or in /usr/sbin");

  const apt = host.apt;
  if (apt.available) {
    host.log(
      "no PgBouncer yet: installing the distribution's package (apt-get install pgbouncer)…",
    );
    const installed = await apt.install();
    if (installed.ok) {
      const packaged = firstThatStarts(apt.paths(), "apt-get install pgbouncer");
      if (packaged) return packaged;
    }
    tried.push(
      installed.ok
        ? "`apt-get install pgbouncer` left nothing that starts"
        : `\`apt-get install pgbouncer\` failed (${installed.detail})`,
    );
  } else {
    tried.push(apt.reason);
  }
  const advice =
    !apt.available && apt.suggest ? "`sudo apt-get install pgbouncer`" : "install PgBouncer";
  return {
    ok: false,
    message:
      `the pooled-connection tests need PgBouncer (a PostgreSQL server is configured): ${tried.join("; ")}. ` +
      `Run ${advice}, or set PGBOUNCER_PATH to its executable`,
  };
}
