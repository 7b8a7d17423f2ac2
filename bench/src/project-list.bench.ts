// Benchmark: what tenant isolation and the API layers cost on the hottest read, a project list page.
// Each variant fetches one keyset page (50 rows) of a random organization among many; the floor is raw `pg`
// running the same SQL on a privileged connection without RLS or a transaction, measured in the same run.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { Bench } from "tinybench";

import { createCaller, createInnerTRPCContext } from "@tenantry/api";
import { createDb, withTenantTransaction } from "@tenantry/db";
import { provisionTestDatabase } from "@tenantry/db/testing";

import { report } from "./report.ts";

// eslint-disable-next-line no-restricted-syntax -- benchmark knobs, read once here
const env = process.env;
const ORGS = Number(env.BENCH_ORGS ?? 20);
const PROJECTS_PER_ORG = Number(env.BENCH_PROJECTS_PER_ORG ?? 5_000);
const TIME_MS = Number(env.BENCH_TIME_MS ?? 3_000);
const PAGE = 50;

const database = await provisionTestDatabase({ label: "bench" });
const admin = new pg.Pool({ connectionString: database.adminUrl, max: 4 });
const app = new pg.Pool({ connectionString: database.appUrl, max: 4 });
const db = createDb({ connectionString: database.appUrl, poolMax: 4 });

interface Tenant {
  orgId: string;
  userId: string;
  cursor: string;
}

try {
  console.log(
    `seeding ${ORGS} organizations x ${PROJECTS_PER_ORG} projects on ${database.backend}…`,
  );
  const tenants: Tenant[] = [];
  for (let i = 0; i < ORGS; i++) {
    const { rows } = await admin.query<{ org: string; usr: string }>(
      `WITH o AS (INSERT INTO organizations (id, name, slug, updated_at)
                  VALUES (gen_random_uuid(), $1, $2, now()) RETURNING id),
            u AS (INSERT INTO users (id, email, name, updated_at)
                  VALUES (gen_random_uuid(), $3, 'Bench', now()) RETURNING id),
            m AS (INSERT INTO memberships (id, organization_id, user_id, role, updated_at)
                  SELECT gen_random_uuid(), o.id, u.id, 'OWNER', now() FROM o, u)
       SELECT o.id AS org, u.id AS usr FROM o, u`,
      [
        `Bench ${i}`,
        `bench-${i}-${randomBytes(3).toString("hex")}`,
        `bench-${i}-${randomBytes(3).toString("hex")}@example.test`,
      ],
    );
    const row = rows[0];
    if (!row) throw new Error("seeding failed");
    await admin.query(
      `INSERT INTO projects (id, organization_id, key, name, created_at, updated_at)
       SELECT gen_random_uuid(), $1, 'P' || g, 'Project ' || g, now() - g * interval '1 second', now()
       FROM generate_series(1, $2) g`,
      [row.org, PROJECTS_PER_ORG],
    );
    const page = await admin.query<{ id: string }>(
      `SELECT id FROM projects WHERE organization_id = $1 ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`,
      [row.org, PAGE * 10],
    );
    tenants.push({ orgId: row.org, userId: row.usr, cursor: page.rows[0]?.id ?? "" });
  }
  await admin.query("ANALYZE");

  const pick = (): Tenant => {
    const tenant = tenants[Math.floor(Math.random() * tenants.length)];
    if (!tenant) throw new Error("no tenants seeded");
    return tenant;
  };
  const SQL_PAGE = `SELECT id, organization_id, name, description, created_by_id, created_at, updated_at
                    FROM projects WHERE organization_id = $1
                    ORDER BY created_at DESC, id DESC LIMIT ${PAGE + 1}`;

  const bench = new Bench({ time: TIME_MS, warmupTime: 500 });
  bench
    .add("floor: raw pg, privileged, no RLS/tx", async () => {
      await admin.query(SQL_PAGE, [pick().orgId]);
    })
    .add("raw pg, app role, tenant tx + RLS", async () => {
      const t = pick();
      const client = await app.connect();
      try {
        await client.query("BEGIN");
        await client.query(
          "SELECT set_config('role', 'tenantry_app', true), set_config('app.user_id', $1, true), set_config('app.org_id', $2, true)",
          [t.userId, t.orgId],
        );
        await client.query(SQL_PAGE, [t.orgId]);
        await client.query("COMMIT");
      } finally {
        client.release();
      }
    })
    .add("prisma, withTenantTransaction", async () => {
      const t = pick();
      await withTenantTransaction(
        db,
        { userId: t.userId, organizationId: t.orgId, role: "OWNER" },
        (tx) =>
          tx.project.findMany({
            where: { organizationId: t.orgId },
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            take: PAGE + 1,
          }),
      );
    })
    .add("tRPC project.list (full middleware chain)", async () => {
      const t = pick();
      const caller = createCaller(
        createInnerTRPCContext({
          db,
          session: { user: { id: t.userId, email: "", name: "" } },
          organization: t.orgId,
        }),
      );
      await caller.project.list({ limit: PAGE });
    })
    .add("tRPC project.list, page 11 (keyset cursor)", async () => {
      const t = pick();
      const caller = createCaller(
        createInnerTRPCContext({
          db,
          session: { user: { id: t.userId, email: "", name: "" } },
          organization: t.orgId,
        }),
      );
      await caller.project.list({ limit: PAGE, cursor: t.cursor });
    });

  await bench.run();

  await report(bench, "project-list", {
    backend: database.backend,
    orgs: ORGS,
    projectsPerOrg: PROJECTS_PER_ORG,
    page: PAGE,
  });
} finally {
  await db.$disconnect();
  await app.end();
  await admin.end();
  await database.drop();
}
