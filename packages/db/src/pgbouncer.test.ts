// Tenant transactions through PgBouncer in transaction pooling mode, with several tenants at once on fewer server
// connections than clients: every transaction sees its own tenant only, and nothing it set is visible to the next
// transaction on the same server connection. Needs a PostgreSQL server (PgBouncer cannot front the embedded PGlite).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "./client.ts";
import type { PgBouncer, TestDatabase } from "./testing/index.ts";
import { createDb } from "./client.ts";
import { newId } from "./id.ts";
import { withTenantTransaction } from "./tenant.ts";
import { availableBackends, provisionTestDatabase, startPgBouncer } from "./testing/index.ts";

const TENANTS = 8;
const ROUNDS = 15;
/** Server connections PgBouncer may open for the app role: far fewer than the clients' 16. */
const POOL_SIZE = 2;

describe.runIf(availableBackends().includes("server"))(
  "through PgBouncer (transaction mode)",
  () => {
    let database: TestDatabase;
    let bouncer: PgBouncer;
    let admin: pg.Pool;
    let db: Db;
    let pooledApp: pg.Pool;
    const tenants = Array.from({ length: TENANTS }, () => ({
      org: newId(),
      user: newId(),
      projects: [newId(), newId()],
    }));

    beforeAll(async () => {
      database = await provisionTestDatabase({ label: "pgbouncer" });
      bouncer = await startPgBouncer({
        serverUrl: database.adminUrl,
        users: [database.appRole],
        poolSize: POOL_SIZE,
      });
      admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 });
      db = createDb({ connectionString: bouncer.url(database.appUrl), poolMax: 16 });
      pooledApp = new pg.Pool({ connectionString: bouncer.url(database.appUrl), max: 4 });
      for (const t of tenants) {
        await admin.query(
          `INSERT INTO organizations (id, name, slug, updated_at) VALUES ($1, $2, $3, now())`,
          [t.org, `Org ${t.org}`, `s-${t.org.slice(-12)}`],
        );
        await admin.query(
          `INSERT INTO users (id, email, name, updated_at) VALUES ($1, $2, 'U', now())`,
          [t.user, `${t.user}@example.test`],
        );
        for (const [i, project] of t.projects.entries()) {
          await admin.query(
            `INSERT INTO projects (id, organization_id, key, name, updated_at) VALUES ($1, $2, $3, 'P', now())`,
            [project, t.org, `P${i}`],
          );
        }
      }
    });

    afterAll(async () => {
      await pooledApp.end();
      await db.$disconnect();
      await admin.end();
      await bouncer.stop();
      await database.drop();
    });

    it("keeps every concurrent tenant transaction to its own rows and settings on shared server connections", async () => {
      const seen = await Promise.all(
        tenants.map(async (t) => {
          const results = [];
          for (let round = 0; round < ROUNDS; round++) {
            results.push(
              await withTenantTransaction(
                db,
                { userId: t.user, organizationId: t.org, role: "OWNER" },
                async (tx) => {
                  const [settings] = await tx.$queryRaw<
                    { org: string; user: string; role: string; pid: number }[]
                  >`SELECT current_setting('app.org_id', true) AS org, current_setting('app.user_id', true) AS user,
                         current_user AS role, pg_backend_pid() AS pid`;
                  // Writes too, so a leaked setting would also show as a row in the wrong organization.
                  await tx.project.update({
                    where: {
                      organizationId_id: { organizationId: t.org, id: t.projects[0] ?? "" },
                    },
                    data: { description: `round ${round} by ${t.org}` },
                  });
                  const rows = await tx.project.findMany({
                    select: { id: true, organizationId: true },
                  });
                  return { settings, rows };
                },
              ),
            );
          }
          return { tenant: t, results };
        }),
      );

      const pidsByTenant = new Map<string, Set<number>>();
      for (const { tenant, results } of seen) {
        for (const { settings, rows } of results) {
          expect(settings).toMatchObject({
            org: tenant.org,
            user: tenant.user,
            role: "tenantry_app",
          });
          expect(rows.map((r) => r.id).sort()).toEqual([...tenant.projects].sort());
          expect(new Set(rows.map((r) => r.organizationId))).toEqual(new Set([tenant.org]));
          const pids = pidsByTenant.get(tenant.org) ?? new Set<number>();
          pids.add(settings?.pid ?? -1);
          pidsByTenant.set(tenant.org, pids);
        }
      }
      // The point of the test: the tenants really did take turns on the same few server connections.
      const allPids = new Set([...pidsByTenant.values()].flatMap((pids) => [...pids]));
      expect(allPids.size).toBeLessThanOrEqual(POOL_SIZE);
      const shared = [...allPids].filter(
        (pid) => [...pidsByTenant.values()].filter((pids) => pids.has(pid)).length > 1,
      );
      expect(shared.length).toBeGreaterThan(0);

      // Each tenant's project got only its own writes.
      const { rows } = await admin.query<{ organization_id: string; description: string }>(
        "SELECT organization_id, description FROM projects WHERE description LIKE 'round %'",
      );
      expect(rows).toHaveLength(TENANTS);
      for (const row of rows)
        expect(row.description).toBe(`round ${ROUNDS - 1} by ${row.organization_id}`);
    });

    it("leaves no tenant, user or role behind for a statement outside a tenant transaction", async () => {
      // Busy the pool with tenant transactions first, then look from plain statements on the same server connections.
      await Promise.all(
        tenants.map((t) =>
          withTenantTransaction(
            db,
            { userId: t.user, organizationId: t.org, role: "OWNER" },
            (tx) => tx.project.count(),
          ),
        ),
      );
      for (let i = 0; i < POOL_SIZE * 4; i++) {
        const { rows } = await pooledApp.query<{
          org: string | null;
          role: string;
          projects: number;
        }>(
          `SELECT nullif(current_setting('app.org_id', true), '') AS org, current_user AS role,
                (SELECT count(*)::int FROM projects) AS projects`,
        );
        expect(rows[0]).toEqual({ org: null, role: database.appRole, projects: 0 });
      }
    });

    it("would carry a session-level SET over to another client (why tenant settings are transaction-local)", async () => {
      // The detector's own check: PgBouncer really hands one client's server connection to the next, so a
      // setting made with SET (not SET LOCAL / set_config(..., true)) leaks. The tenant code never does this.
      const marker = newId();
      const first = await pooledApp.connect();
      try {
        await first.query(`SELECT set_config('app.leak_probe', $1, false)`, [marker]);
      } finally {
        first.release();
      }
      const seenBy = await Promise.all(
        Array.from({ length: POOL_SIZE * 4 }, () =>
          pooledApp
            .query<{ probe: string | null }>(
              `SELECT current_setting('app.leak_probe', true) AS probe`,
            )
            .then((r) => r.rows[0]?.probe ?? null),
        ),
      );
      expect(seenBy).toContain(marker);
      // Clean the server connections for the other tests of this file.
      for (let i = 0; i < POOL_SIZE * 4; i++) await pooledApp.query("RESET ALL");
    });
  },
);
