// Process and file helpers for the bootstrap. Node's standard library only: this runs before anything is installed.
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants, realpathSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";

export const isWindows = process.platform === "win32";

/**
 * The outcome of an attempt that may fail for reasons worth showing to the user.
 * @typedef {{ ok: true, output: string } | { ok: false, detail: string }} Outcome
 */

/** @param {string} file */
export function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    if (!isWindows) accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} file */
export function realpathOr(file) {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * The first executable called `name` in a PATH-style list of directories.
 * @param {string} name
 * @param {string} pathValue
 * @returns {string | undefined}
 */
export function which(name, pathValue) {
  const extensions = isWindows ? [".exe", ".cmd", ""] : [""];
  for (const dir of pathValue.split(path.delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = path.join(dir, name + extension);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Node ≥ 20.12 spawns Windows `.cmd` shims (npm, pnpm) only through a shell.
 * @param {string} command
 */
const needsShell = (command) => isWindows && /\.(cmd|bat)$/i.test(command);

/** @param {{ error?: Error, status: number | null, signal: string | null, stderr: string }} result */
function failureDetail(result) {
  if (result.error) return result.error.message;
  if (result.signal) return `killed by ${result.signal}`;
  const lastLine = result.stderr.trim().split("\n").pop()?.trim();
  return `exit code ${result.status ?? "?"}${lastLine ? `: ${lastLine}` : ""}`;
}

/**
 * Runs a short command and captures its first line of output. Never throws: a missing executable, a non-zero exit and
 * a timeout are all failed outcomes.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, timeoutMs?: number }} [options]
 * @returns {Outcome}
 */
export function capture(command, args, { env, timeoutMs = 15_000 } = {}) {
  const result = spawnSync(command, args, {
    env,
    encoding: "utf8",
    timeout: timeoutMs,
    stdio: ["ignore", "pipe", "pipe"],
    shell: needsShell(command),
  });
  if (result.error || result.status !== 0) return { ok: false, detail: failureDetail(result) };
  return { ok: true, output: result.stdout.trim().split("\n")[0]?.trim() ?? "" };
}

/**
 * Runs a command with the terminal attached; resolves to its exit code (127 when it cannot start).
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, quiet?: boolean }} [options]
 * @returns {Promise<number>}
 */
export function run(command, args, { env, cwd, quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env,
      cwd,
      stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"],
      shell: needsShell(command),
    });
    child.once("error", () => resolve(127));
    child.once("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Installs one pinned npm package into a private directory: what `npx` does, but at a known place whose
 * `node_modules/.bin` can go on PATH for the processes that follow (turbo and our scripts call `pnpm` by name).
 * Needs no global-install rights; npm checks the registry's integrity hash of the tarball.
 * @param {{ npm: string, dir: string, spec: string, env: NodeJS.ProcessEnv }} options
 * @returns {Promise<Outcome>}
 */
export async function installNpmPackage({ npm, dir, spec, env }) {
  await mkdir(dir, { recursive: true });
  const args = ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit"];
  args.push("--no-fund", "--no-update-notifier", "--loglevel=error", "--include=optional", spec);
  const code = await run(npm, args, { env });
  return code === 0 ? { ok: true, output: "" } : { ok: false, detail: `npm exited with ${code}` };
}

/**
 * The executable a package installed by installNpmPackage puts in its bin directory.
 * @param {string} dir
 * @param {string} name
 */
export function npmBin(dir, name) {
  return path.join(dir, "node_modules", ".bin", isWindows ? `${name}.cmd` : name);
}
