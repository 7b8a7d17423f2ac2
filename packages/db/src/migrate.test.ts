// migrateDeploy keeps Prisma-compatible `_prisma_migrations` bookkeeping on a scratch PostgreSQL database, is
// idempotent, and the migrations folder matches schema.prisma (no drift).
import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  diffSchemaToMigrations,
  migrateDeploy,
  migrationsDir,
  readMigrationsList,
} from "./migrate.ts";

const ADMIN_URL =
  // eslint-disable-next-line no-restricted-syntax
  process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = `tenantry_migrate_test_${randomBytes(6).toString("hex")}`;
const DB_URL = (() => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  return url.toString();
})();

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await query(ADMIN_URL, `CREATE DATABASE "${DB_NAME}"`);
});

afterAll(async () => {
  await query(ADMIN_URL, `DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
});

describe("migrateDeploy", () => {
  it("applies every migration once, with the same bookkeeping as prisma migrate deploy", async () => {
    const expected = (await readMigrationsList()).migrationDirectories.map((dir) => dir.path);
    expect(expected.length).toBeGreaterThan(0);

    expect(await migrateDeploy(DB_URL)).toEqual({ applied: expected });
    expect(await migrateDeploy(DB_URL)).toEqual({ applied: [] });

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(
      DB_URL,
      "SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count " +
        "FROM _prisma_migrations ORDER BY migration_name",
    );
    const checksums = await Promise.all(
      expected.map(async (name) =>
        createHash("sha256")
          .update(await readFile(path.join(migrationsDir, name, "migration.sql")))
          .digest("hex"),
      ),
    );
    expect(rows.map((row) => row.migration_name)).toEqual(expected);
    rows.forEach((row, i) => {
      expect(row.checksum).toBe(checksums[i]);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    });

    // The hand-written part of the first migration ran too.
    const tables = await query<{
      relname: string;
      relrowsecurity: boolean;
      relforcerowsecurity: boolean;
    }>(
      DB_URL,
      "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class " +
        "WHERE relname IN ('organizations', 'users', 'memberships', 'projects') AND relkind = 'r' ORDER BY relname",
    );
    expect(tables).toEqual([
      { relname: "memberships", relrowsecurity: true, relforcerowsecurity: true },
      { relname: "organizations", relrowsecurity: true, relforcerowsecurity: true },
      { relname: "projects", relrowsecurity: true, relforcerowsecurity: true },
      { relname: "users", relrowsecurity: false, relforcerowsecurity: false },
    ]);
  });

  it("reports the failing database as a clear error", async () => {
    const url = new URL(DB_URL);
    url.pathname = `/${DB_NAME}_missing`;
    await expect(migrateDeploy(url.toString())).rejects.toThrow(
      /migrate deploy failed: .*does not exist/,
    );
  });
});

describe("diffSchemaToMigrations", () => {
  it("finds no drift between schema.prisma and the migrations", async () => {
    expect(await diffSchemaToMigrations()).toBe("");
  });
});
