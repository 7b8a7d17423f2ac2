// Proves the schema can be distributed by organization (Citus, docs/scaling.md): a distributed table's primary key and
// unique constraints must contain the distribution column, and a foreign key between two distributed tables must
// join on it, so that every row and everything it references live on the same shard.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestDatabase } from "./testing/index.ts";
import { provisionTestDatabase } from "./testing/index.ts";

/**
 * Tables that carry organization_id without being tenant data (an entry names the organization it is about, may name
 * none): they stay on the coordinator in a distributed deployment, see docs/scaling.md.
 */
const NOT_DISTRIBUTED = ["platform_audit_logs"];

let database: TestDatabase;
let admin: pg.Pool;
/** Every table of the public schema with an organization_id column, minus NOT_DISTRIBUTED. */
let tenantTables: string[];

beforeAll(async () => {
  database = await provisionTestDatabase({ label: "distribution" });
  admin = new pg.Pool({ connectionString: database.adminUrl, max: 1 });
  const { rows } = await admin.query<{ table: string }>(
    `SELECT c.relname AS table
     FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
     ORDER BY 1`,
  );
  tenantTables = rows.map((r) => r.table).filter((t) => !NOT_DISTRIBUTED.includes(t));
});

afterAll(async () => {
  await admin.end();
  await database.drop();
});

/** The column names of a key, in key order. */
const KEY_COLUMNS = `ARRAY(SELECT a.attname::text FROM unnest(%KEY%) WITH ORDINALITY AS k(attnum, ord)
                          JOIN pg_attribute a ON a.attrelid = %REL% AND a.attnum = k.attnum ORDER BY k.ord)`;

/**
 * Unique indexes that must stay global, each with its reason (docs/scaling.md lists them as what remains for Citus):
 * an API key is found by the hash of its secret before its organization is known, and two organizations must never
 * hold the same secret. Under Citus this lookup moves to a coordinator-local `api_key_hashes` (hash -> organization).
 */
const GLOBAL_UNIQUE = new Set(["api_keys_secret_hash_key"]);

describe("distribution by organization_id", () => {
  it("finds the tenant tables (the catalog query itself works)", () => {
    expect(tenantTables).toEqual(expect.arrayContaining(["memberships", "projects", "tasks"]));
    expect(tenantTables.length).toBeGreaterThanOrEqual(19);
  });

  it("gives every tenant table a primary key that starts with organization_id", async () => {
    const { rows } = await admin.query<{ table: string; columns: string[] | null }>(
      `SELECT c.relname AS table,
              (SELECT ${KEY_COLUMNS.replace("%KEY%", "con.conkey").replace("%REL%", "c.oid")}
               FROM pg_constraint con WHERE con.conrelid = c.oid AND con.contype = 'p') AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relname = ANY($1::text[])
       ORDER BY 1`,
      [tenantTables],
    );
    expect(rows).toHaveLength(tenantTables.length);
    const wrong = rows.filter((r) => r.columns?.[0] !== "organization_id");
    expect(wrong).toEqual([]);
  });

  it("includes organization_id in every unique constraint and unique index of a tenant table", async () => {
    // pg_index covers both: a UNIQUE constraint is backed by a unique index, and Prisma's @@unique creates a bare
    // unique index. Expression or partial unique indexes would need the same column, so they are covered too.
    const { rows } = await admin.query<{ table: string; index: string; columns: string[] }>(
      `SELECT c.relname AS table, i.indexrelid::regclass::text AS index,
              ${KEY_COLUMNS.replace("%KEY%", "i.indkey::int2[]").replace("%REL%", "c.oid")} AS columns
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND i.indisunique AND c.relname = ANY($1::text[])
       ORDER BY 1, 2`,
      [tenantTables],
    );
    // Every tenant table has at least its primary key's index here.
    expect(new Set(rows.map((r) => r.table)).size).toBe(tenantTables.length);
    const wrong = rows.filter(
      (r) => !r.columns.includes("organization_id") && !GLOBAL_UNIQUE.has(r.index),
    );
    expect(wrong).toEqual([]);
  });

  it("joins every foreign key between tenant tables on organization_id = organization_id", async () => {
    const { rows } = await admin.query<{
      constraint: string;
      from: string;
      to: string;
      columns: string[];
      referenced: string[];
    }>(
      `SELECT con.conname AS constraint, c.relname AS from, r.relname AS to,
              ${KEY_COLUMNS.replace("%KEY%", "con.conkey").replace("%REL%", "c.oid")} AS columns,
              ${KEY_COLUMNS.replace("%KEY%", "con.confkey").replace("%REL%", "r.oid")} AS referenced
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_class r ON r.oid = con.confrelid
       WHERE con.contype = 'f' AND c.relname = ANY($1::text[]) AND r.relname = ANY($1::text[])
       ORDER BY 1`,
      [tenantTables],
    );
    // The work domain alone links tasks, projects, memberships, tags and comments: a query returning nothing
    // would prove nothing.
    expect(rows.length).toBeGreaterThanOrEqual(20);
    const wrong = rows.filter((fk) => {
      const at = fk.columns.indexOf("organization_id");
      return at === -1 || fk.referenced[at] !== "organization_id";
    });
    expect(wrong).toEqual([]);
  });

  it("references from tenant tables to other tables only go to the organization or to global tables", async () => {
    // Citus allows a distributed table to reference a reference table (users) and the colocated organizations
    // table by its distribution column; anything else here would need a decision in docs/scaling.md first.
    const { rows } = await admin.query<{ to: string }>(
      `SELECT DISTINCT r.relname AS to
       FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid
       JOIN pg_class r ON r.oid = con.confrelid
       WHERE con.contype = 'f' AND c.relname = ANY($1::text[]) AND NOT (r.relname = ANY($1::text[]))
       ORDER BY 1`,
      [tenantTables],
    );
    expect(rows.map((r) => r.to)).toEqual(["organizations", "users"]);
  });
});
