// Runs the real worker process against a real database and checks its lifecycle from the outside.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
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

function startWorker(databaseUrl: string, extraEnv: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: workerDir,
    env: {
      // eslint-disable-next-line no-restricted-syntax -- the child needs PATH etc.; the URLs under test override
      ...process.env,
      DATABASE_URL: databaseUrl,
      // The queue's schema is created by pg-boss: it needs a login allowed to CREATE, unlike the app's.
      JOBS_DATABASE_URL: databaseUrl.includes("127.0.0.1:1/") ? databaseUrl : database.adminUrl,
      LOG_LEVEL: "info",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: {
    msg?: string;
    level?: number;
    queue?: string;
    result?: { purged?: number; organizationIds?: string[]; deleted?: number };
  }[] = [];
  let buffer = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    for (const line of parts) {
      if (line.trim()) lines.push(JSON.parse(line) as (typeof lines)[number]);
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const waitFor = async (msg: string, timeoutMs = 30_000, queue?: string) => {
    const deadline = Date.now() + timeoutMs;
    while (!lines.some((l) => l.msg === msg && (queue === undefined || l.queue === queue))) {
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

  it("purges organizations deleted more than 30 days ago and keeps restorable ones", async () => {
    const admin = new pg.Pool({ connectionString: database.adminUrl, max: 1 });
    try {
      const insert = async (slug: string, status: string, deletedDaysAgo: number | null) => {
        const { rows } = await admin.query<{ id: string }>(
          `INSERT INTO organizations (id, name, slug, status, deleted_at, updated_at)
           VALUES (gen_random_uuid(), $1, $1, $2::"OrganizationStatus",
                   CASE WHEN $3::int IS NULL THEN NULL ELSE now() - make_interval(days => $3::int) END, now())
           RETURNING id`,
          [slug, status, deletedDaysAgo],
        );
        const id = rows[0]?.id ?? "";
        await admin.query(
          `INSERT INTO projects (id, organization_id, key, name, updated_at) VALUES (gen_random_uuid(), $1, 'P', 'P', now())`,
          [id],
        );
        return id;
      };
      const expired = await insert("purge-expired", "DELETED", 31);
      const recent = await insert("purge-recent", "DELETED", 2);
      const active = await insert("purge-active", "ACTIVE", null);

      // The maintenance jobs run once at start, then on their hourly schedule.
      const worker = startWorker(database.appUrl);
      await worker.waitFor("job done", 60_000, "maintenance.audit-retention");
      await worker.waitFor("job done", 60_000, "maintenance.purge-organizations");
      worker.child.kill("SIGTERM");
      expect(await worker.exited).toBe(0);
      const done = worker.lines.find(
        (l) => l.msg === "job done" && l.queue === "maintenance.purge-organizations",
      );
      expect(done?.result?.organizationIds).toEqual([expired]);

      const { rows } = await admin.query<{ id: string }>(
        "SELECT id FROM organizations ORDER BY slug",
      );
      expect(rows.map((r) => r.id).sort()).toEqual([active, recent].sort());
      const projects = await admin.query("SELECT 1 FROM projects WHERE organization_id = $1", [
        expired,
      ]);
      expect(projects.rowCount).toBe(0);
    } finally {
      await admin.end();
    }
  });
});
