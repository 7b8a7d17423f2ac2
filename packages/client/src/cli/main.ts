#!/usr/bin/env node
// The `tenantry` executable.
import { run } from "./program.ts";
import { readHidden } from "./prompt.ts";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // A command-line tool's configuration is its environment (TENANTRY_CONFIG, TENANTRY_API_KEY, ...).
  // eslint-disable-next-line no-restricted-syntax
  env: process.env,
  fetch: globalThis.fetch,
  readStdin,
  // The prompt goes to stderr, so `tenantry login … --json > out` still shows it.
  readSecret: (prompt) => readHidden(prompt, process.stdin, (text) => process.stderr.write(text)),
});
