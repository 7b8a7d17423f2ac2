// Runs the real worker process against a real database and checks its lifecycle from the outside.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestDatabase } from "@tenantry/db/testing";
import { provisionTestDatabase } from "@tenantry/db/testing";

const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
let database: TestDatabase;

beforeAll(async () => {
  database = await provisionTestDatabase({ label: "worker" });
});
afterAll(async () => {
  await database.drop();
});

function startWorker(databaseUrl: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: workerDir,
    // eslint-disable-next-line no-restricted-syntax -- the child needs PATH etc.; the URL under test overrides
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: { msg?: string; level?: number }[] = [];
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    for (const line of parts) {
      if (line.trim()) lines.push(JSON.parse(line) as { msg?: string; level?: number });
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const waitFor = async (msg: string, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!lines.some((l) => l.msg === msg)) {
      if (Date.now() > deadline)
        throw new Error(`worker never logged "${msg}": ${JSON.stringify(lines)}`);
      if (child.exitCode !== null) throw new Error(`worker exited early: ${JSON.stringify(lines)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, lines, exited, waitFor };
}

describe("worker process", () => {
  it("connects, reports ready, and exits 0 on SIGTERM after closing the pool", async () => {
    const worker = startWorker(database.appUrl);
    await worker.waitFor("worker ready");
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(["worker ready", "worker stopping", "worker stopped"]),
    );
  });

  it("exits non-zero with a fatal log when the database is unreachable", async () => {
    const worker = startWorker("postgres://nobody@127.0.0.1:1/none");
    expect(await worker.exited).toBe(1);
    expect(
      worker.lines.some((l) => l.msg === "worker could not reach the database" && l.level === 60),
    ).toBe(true);
  });
});
