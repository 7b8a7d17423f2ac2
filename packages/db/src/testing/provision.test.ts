// provisionTestDatabase on both backends: the app login is really unprivileged, RLS hides every row without a
// tenant, and drop() leaves nothing behind.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

import type { TestDatabase } from "./index.ts";
import { provisionTestDatabase } from "./index.ts";

// The project's machines and CI run PostgreSQL here; TEST_DATABASE_ADMIN_URL / DATABASE_URL override it.
const SERVER_ADMIN_URL =
  // eslint-disable-next-line no-restricted-syntax
  [process.env.TEST_DATABASE_ADMIN_URL, process.env.DATABASE_URL].find(Boolean) ??
  "postgres://postgres@127.0.0.1:5432/postgres";

const TENANT_TABLES = ["projects", "memberships", "organizations"] as const;

async function query<R extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const toDrop: TestDatabase[] = [];
afterAll(async () => {
  // Only reached when a test failed before its own drop().
  await Promise.allSettled(toDrop.map((db) => db.drop()));
});

describe("provisionTestDatabase (server)", () => {
  it("creates a migrated database with an unprivileged login role subject to RLS, and drops both", async () => {
    const db = await provisionTestDatabase({
      label: "Provision Test",
      backend: "server",
      adminUrl: SERVER_ADMIN_URL,
    });
    toDrop.push(db);
    expect(db.backend).toBe("server");
    expect(db.databaseName).toMatch(/^tenantry_test_provision_test_[0-9a-f]+$/);
    expect(db.appRole).toMatch(/^tenantry_t_[0-9a-f]+$/);

    const [who] = await query<{ current_user: string; db: string }>(
      db.appUrl,
      "SELECT current_user, current_database() AS db",
    );
    expect(who).toEqual({ current_user: db.appRole, db: db.databaseName });

    const [attrs] = await query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      db.appUrl,
      "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user",
    );
    expect(attrs).toEqual({ rolsuper: false, rolbypassrls: false });

    // Rows exist (inserted as admin, which bypasses RLS), yet the app role sees none without a tenant.
    await query(
      db.adminUrl,
      `WITH o AS (INSERT INTO organizations (id, name, slug, updated_at)
                  VALUES ('00000000-0000-7000-8000-000000000001', 'Acme', 'acme', now()) RETURNING id)
       SELECT id FROM o`,
    );
    for (const table of TENANT_TABLES) {
      const rows = await query(db.appUrl, `SELECT * FROM ${table}`);
      expect(rows, table).toHaveLength(0);
    }

    // ...and it is RLS that hides them: with the tenant set, the row shows.
    const tenantClient = new pg.Client({ connectionString: db.appUrl });
    await tenantClient.connect();
    try {
      await tenantClient.query(
        "SELECT set_config('app.org_id', '00000000-0000-7000-8000-000000000001', false)",
      );
      const scoped = await tenantClient.query("SELECT id FROM organizations");
      expect(scoped.rows).toHaveLength(1);
    } finally {
      await tenantClient.end();
    }

    // The login role can switch to the group role, as tenant transactions do.
    const switchClient = new pg.Client({ connectionString: db.appUrl });
    await switchClient.connect();
    try {
      await switchClient.query("SET ROLE tenantry_app");
      const [switched] = (await switchClient.query<{ current_user: string }>("SELECT current_user"))
        .rows;
      expect(switched?.current_user).toBe("tenantry_app");
    } finally {
      await switchClient.end();
    }

    // The bookkeeping table is withheld from tenantry_app, so from its mirror as well.
    await expect(query(db.appUrl, "SELECT * FROM _prisma_migrations")).rejects.toThrow(
      /permission denied/,
    );

    await db.drop();
    toDrop.splice(toDrop.indexOf(db), 1);
    const left = await query(SERVER_ADMIN_URL, "SELECT 1 FROM pg_database WHERE datname = $1", [
      db.databaseName,
    ]);
    expect(left).toHaveLength(0);
    const role = await query(SERVER_ADMIN_URL, "SELECT 1 FROM pg_roles WHERE rolname = $1", [
      db.appRole,
    ]);
    expect(role).toHaveLength(0);
  });
});

describe("provisionTestDatabase (embedded)", () => {
  it("starts a migrated PGlite where RLS applies inside a tenant transaction, and removes it", async () => {
    const db = await provisionTestDatabase({ label: "provision", backend: "embedded" });
    toDrop.push(db);
    expect(db.backend).toBe("embedded");
    expect(db.appUrl).toBe(db.adminUrl);

    const client = new pg.Client({ connectionString: db.appUrl });
    await client.connect();
    try {
      // PGlite is always the superuser, which bypasses RLS...
      const attrs = await client.query<{ rolsuper: boolean }>(
        "SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
      );
      expect(attrs.rows[0]?.rolsuper).toBe(true);
      await client.query(
        `INSERT INTO organizations (id, name, slug, updated_at)
         VALUES ('00000000-0000-7000-8000-000000000001', 'Acme', 'acme', now())`,
      );
      // ...so the app switches to tenantry_app for the transaction; with no tenant set, nothing is visible.
      await client.query("BEGIN");
      await client.query("SELECT set_config('role', 'tenantry_app', true)");
      const [who] = (await client.query<{ current_user: string }>("SELECT current_user")).rows;
      expect(who?.current_user).toBe("tenantry_app");
      for (const table of TENANT_TABLES) {
        const { rows } = await client.query(`SELECT * FROM ${table}`);
        expect(rows, table).toHaveLength(0);
      }
      await client.query("COMMIT");
    } finally {
      await client.end();
    }

    await db.drop();
    toDrop.splice(toDrop.indexOf(db), 1);
    await expect(query(db.appUrl, "SELECT 1")).rejects.toThrow();
  });
});
