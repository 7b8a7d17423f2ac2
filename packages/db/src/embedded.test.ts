// The embedded server must behave like a real one under concurrent clients: several pools sending interleaved
// extended-protocol queries and transactions, as Prisma and the web app and worker do together.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { EmbeddedPostgres } from "./embedded.ts";
import { startEmbeddedPostgres } from "./embedded.ts";

let dir: string;
let server: EmbeddedPostgres;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tenantry-embedded-"));
  server = await startEmbeddedPostgres({ dataDir: dir });
});

afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("embedded PostgreSQL", () => {
  it("keeps concurrent parameterised queries from several pools apart", async () => {
    const pools = [0, 1, 2].map(() => new pg.Pool({ connectionString: server.url, max: 4 }));
    try {
      const results = await Promise.all(
        Array.from({ length: 300 }, (_, i) => {
          const pool = pools[i % pools.length] as pg.Pool;
          // Different statement texts and parameter types, so a mixed-up Parse/Bind would fail or answer wrongly.
          return i % 3 === 0
            ? pool
                .query<{ v: number }>("SELECT $1::int * 2 AS v", [i])
                .then((r) => r.rows[0]?.v === i * 2)
            : i % 3 === 1
              ? pool
                  .query<{ v: string }>("SELECT $1::text || '-x' AS v", [`q${i}`])
                  .then((r) => r.rows[0]?.v === `q${i}-x`)
              : pool
                  .query<{ a: number; b: string }>("SELECT $1::int AS a, $2::text AS b", [
                    i,
                    `b${i}`,
                  ])
                  .then((r) => r.rows[0]?.a === i && r.rows[0].b === `b${i}`);
        }),
      );
      expect(results.filter((ok) => !ok)).toEqual([]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it("serves transactions and plain queries of several pools at once without mixing them up", async () => {
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: server.url, max: 4 }));
    try {
      const transactions = Array.from({ length: 40 }, async (_, i) => {
        const client = await (pools[i % 2] as pg.Pool).connect();
        try {
          await client.query("BEGIN");
          const a = await client.query<{ v: number }>("SELECT $1::int + 1 AS v", [i]);
          const b = await client.query<{ v: string }>("SELECT $1::text AS v", [`t${i}`]);
          await client.query("COMMIT");
          return a.rows[0]?.v === i + 1 && b.rows[0]?.v === `t${i}`;
        } finally {
          client.release();
        }
      });
      const plain = Array.from({ length: 200 }, (_, i) =>
        (pools[(i + 1) % 2] as pg.Pool)
          .query<{ a: number; b: string }>("SELECT $1::int AS a, $2::text AS b", [i, `p${i}`])
          .then((r) => r.rows[0]?.a === i && r.rows[0].b === `p${i}`),
      );
      const results = await Promise.all([...transactions, ...plain]);
      expect(results.filter((ok) => !ok)).toEqual([]);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  }, 30_000);

  it("isolates concurrent transactions and their local settings", async () => {
    const pool = new pg.Pool({ connectionString: server.url, max: 6 });
    try {
      const seen = await Promise.all(
        Array.from({ length: 30 }, async (_, i) => {
          const client = await pool.connect();
          try {
            await client.query("BEGIN");
            await client.query("SELECT set_config('app.org_id', $1, true)", [`org-${i}`]);
            await new Promise((r) => setTimeout(r, i % 5));
            const { rows } = await client.query<{ v: string }>(
              "SELECT current_setting('app.org_id') AS v",
            );
            await client.query("COMMIT");
            return rows[0]?.v === `org-${i}`;
          } finally {
            client.release();
          }
        }),
      );
      expect(seen.every(Boolean)).toBe(true);
    } finally {
      await pool.end();
    }
  });
});
