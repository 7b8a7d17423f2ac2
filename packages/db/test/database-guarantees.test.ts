// The database's own guarantees, read from the catalog rather than from a list someone keeps: every table with an
// organization_id column is under forced RLS with a policy; the application role is unprivileged, owns nothing and
// cannot rewrite history; and with no tenant set it reads nothing of any tenant.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestDatabase } from "../src/testing/index.ts";
import type { SeededTenant } from "./seed-tenants.ts";
import { APP_GROUP_ROLE, provisionTestDatabase } from "../src/testing/index.ts";
import { seedTenant } from "./seed-tenants.ts";

/** Append-only for the application: audit trails and the task timeline. */
const APPEND_ONLY = ["audit_logs", "audit_checkpoints", "platform_audit_logs", "task_activities"];

let database: TestDatabase;
let admin: pg.Pool;
let app: pg.Pool;
let tenants: SeededTenant[];
let tenantTables: string[];

beforeAll(async () => {
  database = await provisionTestDatabase({ label: "guarantees" });
  admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 });
  app = new pg.Pool({ connectionString: database.appUrl, max: 2 });
  tenants = [await seedTenant(admin), await seedTenant(admin)];
  const { rows } = await admin.query<{ table: string }>(`
    SELECT c.relname AS table FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p') ORDER BY 1`);
  tenantTables = rows.map((r) => r.table);
});

afterAll(async () => {
  await app.end();
  await admin.end();
  await database.drop();
});

/** Runs `fn` in a transaction as the application role; `org` sets the tenant the way setTenant does. */
async function asApp<T>(org: string | null, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await app.connect();
  try {
    await client.query("BEGIN");
    // On the embedded backend the login role is a superuser; the tenant transaction switches role the same way.
    await client.query("SELECT set_config('role', $1, true)", [APP_GROUP_ROLE]);
    if (org) await client.query("SELECT set_config('app.org_id', $1, true)", [org]);
    return await fn(client);
  } finally {
    await client.query("ROLLBACK");
    client.release();
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

describe("database guarantees", () => {
  it("finds the tenant tables in the catalog", () => {
    expect(tenantTables.length).toBeGreaterThan(15);
    expect(tenantTables).toEqual(expect.arrayContaining(["projects", "tasks", ...APPEND_ONLY]));
  });

  it("puts every table with organization_id (and organizations) under enabled, forced RLS with a policy", async () => {
    const { rows } = await admin.query<{
      table: string;
      enabled: boolean;
      forced: boolean;
      policies: number;
    }>(
      `SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname)
                AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       WHERE c.relname = ANY($1::text[]) ORDER BY 1`,
      [[...tenantTables, "organizations"]],
    );
    expect(rows).toHaveLength(tenantTables.length + 1);
    expect(rows.filter((r) => !r.enabled || !r.forced || r.policies < 1)).toEqual([]);
  });

  it("gives the application roles no SUPERUSER, no BYPASSRLS, not even through a role they belong to", async () => {
    const roles =
      database.backend === "server" ? [database.appRole, APP_GROUP_ROLE] : [APP_GROUP_ROLE];
    const { rows } = await admin.query<{ role: string; via: string }>(
      `SELECT r.rolname AS role, g.rolname AS via FROM pg_roles r
       JOIN pg_roles g ON pg_has_role(r.oid, g.oid, 'MEMBER')
       WHERE r.rolname = ANY($1::text[]) AND (g.rolsuper OR g.rolbypassrls)`,
      [roles],
    );
    expect(rows).toEqual([]);
    const seen = await asApp(null, (c) =>
      c.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"),
    );
    expect(seen.rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
  });

  it("lets the application roles own no table, view, sequence or function", async () => {
    const roles =
      database.backend === "server" ? [database.appRole, APP_GROUP_ROLE] : [APP_GROUP_ROLE];
    const { rows } = await admin.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
       WHERE r.rolname = ANY($1::text[])
       UNION ALL
       SELECT p.proname FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner WHERE r.rolname = ANY($1::text[])`,
      [roles],
    );
    expect(rows).toEqual([]);
  });

  it("keeps audit rows and the task timeline append-only for the application role", async () => {
    for (const table of APPEND_ONLY) {
      const { rows } = await admin.query<{ update: boolean; delete: boolean; truncate: boolean }>(
        `SELECT has_table_privilege($1, $2, 'UPDATE') AS update, has_table_privilege($1, $2, 'DELETE') AS delete,
                has_table_privilege($1, $2, 'TRUNCATE') AS truncate`,
        [APP_GROUP_ROLE, table],
      );
      expect(rows, table).toEqual([{ update: false, delete: false, truncate: false }]);
    }
    const [tenant] = tenants;
    if (!tenant) throw new Error("no seeded tenant");
    // Even inside the row's own tenant, the statements themselves are refused.
    for (const [table, id] of [
      ["audit_logs", tenant.auditLog],
      ["task_activities", tenant.activity],
    ] as const) {
      for (const statement of [
        `UPDATE ${table} SET created_at = now() - interval '1 year' WHERE id = $1`,
        `DELETE FROM ${table} WHERE id = $1`,
      ]) {
        const error = await asApp(tenant.org, (c) => c.query(statement, [id])).catch(
          (e: unknown) => e,
        );
        expect(error, statement).toMatchObject({ code: "42501" });
      }
      const { rows } = await admin.query(`SELECT id FROM ${table} WHERE id = $1`, [id]);
      expect(rows).toEqual([{ id }]);
    }
  });

  it("shows the application role no row of any tenant table when no tenant is set", async () => {
    for (const table of tenantTables) {
      const { rows } = await admin.query<{ n: number }>(
        `SELECT count(DISTINCT organization_id)::int AS n FROM ${quote(table)}
         WHERE organization_id = ANY($1::uuid[])`,
        [tenants.map((t) => t.org)],
      );
      expect(
        rows[0]?.n,
        `${table}: the seed (test/seed-tenants.ts) must fill it for both tenants`,
      ).toBe(2);
      const seen = await asApp(null, (c) =>
        c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quote(table)}`),
      );
      expect(seen.rows[0]?.n, table).toBe(0);
      if (database.backend === "server") {
        // The login role itself, before any SET ROLE, is as blind.
        const direct = await app.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${quote(table)}`,
        );
        expect(direct.rows[0]?.n, `${table} via the login role`).toBe(0);
      }
    }
    const orgs = await asApp(null, (c) => c.query("SELECT id FROM organizations"));
    expect(orgs.rows).toEqual([]);
  });

  it("shows a tenant exactly its own rows of every tenant table", async () => {
    const [a] = tenants;
    if (!a) throw new Error("no seeded tenant");
    for (const table of tenantTables.filter((t) => t !== "platform_audit_logs")) {
      const seen = await asApp(a.org, (c) =>
        c.query<{ org: string }>(`SELECT DISTINCT organization_id AS org FROM ${quote(table)}`),
      );
      expect(seen.rows, table).toEqual([{ org: a.org }]);
    }
  });
});
