// Helpers for the bootstrap's tests: real temporary directories holding real executables (shell scripts standing in
// for Chromium and pnpm), so the code under test runs its actual file checks and `--version` launches.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A fresh directory, removed when the test ends.
 * @param {{ after: (fn: () => void) => void }} t the node:test context
 */
export function tempDir(t) {
  const dir = mkdtempSync(path.join(tmpdir(), "tenantry-bootstrap-test-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Writes an executable that prints `stdout` and exits with `code` (printing `stderr` first).
 * @param {string} file
 * @param {{ stdout?: string, stderr?: string, code?: number }} behaviour
 */
export function fakeExecutable(file, { stdout = "", stderr = "", code = 0 }) {
  mkdirSync(path.dirname(file), { recursive: true });
  const quote = (/** @type {string} */ text) => `'${text.replace(/'/g, `'\\''`)}'`;
  const lines = ["#!/bin/sh"];
  if (stderr) lines.push(`echo ${quote(stderr)} >&2`);
  if (stdout) lines.push(`echo ${quote(stdout)}`);
  lines.push(`exit ${code}`);
  writeFileSync(file, `${lines.join("\n")}\n`);
  chmodSync(file, 0o755);
  return file;
}
