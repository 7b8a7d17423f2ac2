// Benchmark: task list queries with a million tasks in the table (issue: listing must stay fast at that size).
// Tasks are spread over many organizations; each iteration lists a page for a random organization through the
// tRPC procedure (full middleware chain) and, as the floor, raw pg running the id query of the same page.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { Bench } from "tinybench";

import { createCaller, createInnerTRPCContext } from "@tenantry/api";
import { createDb } from "@tenantry/db";
import { provisionTestDatabase } from "@tenantry/db/testing";

import { report } from "./report.ts";

// eslint-disable-next-line no-restricted-syntax -- benchmark knobs, read once here
const env = process.env;
const ORGS = Number(env.BENCH_ORGS ?? 50);
const TASKS = Number(env.BENCH_TASKS ?? 1_000_000);
const PROJECTS_PER_ORG = 5;
const TIME_MS = Number(env.BENCH_TIME_MS ?? 3_000);
const PAGE = 50;

const database = await provisionTestDatabase({ label: "bench_tasks" });
const admin = new pg.Pool({ connectionString: database.adminUrl, max: 4 });
const db = createDb({ connectionString: database.appUrl, poolMax: 4 });

interface Tenant {
  orgId: string;
  userId: string;
  projectId: string;
}

try {
  const started = Date.now();
  console.log(`seeding ${TASKS} tasks over ${ORGS} organizations on ${database.backend}…`);
  const tenants: Tenant[] = [];
  for (let i = 0; i < ORGS; i++) {
    const suffix = randomBytes(4).toString("hex");
    const { rows } = await admin.query<{ org: string; usr: string }>(
      `WITH o AS (INSERT INTO organizations (id, name, slug, plan, updated_at)
                  VALUES (gen_random_uuid(), $1, $2, 'ENTERPRISE', now()) RETURNING id),
            u AS (INSERT INTO users (id, email, name, updated_at)
                  VALUES (gen_random_uuid(), $3, 'Bench', now()) RETURNING id),
            m AS (INSERT INTO memberships (id, organization_id, user_id, role, updated_at)
                  SELECT gen_random_uuid(), o.id, u.id, 'OWNER', now() FROM o, u)
       SELECT o.id AS org, u.id AS usr FROM o, u`,
      [`Bench ${i}`, `bt-${i}-${suffix}`, `bt-${i}-${suffix}@example.test`],
    );
    const row = rows[0];
    if (!row) throw new Error("seeding failed");
    const projects = await admin.query<{ id: string }>(
      `INSERT INTO projects (id, organization_id, key, name, updated_at)
       SELECT gen_random_uuid(), $1, 'P' || g, 'Project ' || g, now() FROM generate_series(1, $2) g
       RETURNING id`,
      [row.org, PROJECTS_PER_ORG],
    );
    const perProject = Math.ceil(TASKS / ORGS / PROJECTS_PER_ORG);
    for (const project of projects.rows) {
      // ids are v4 here; ordering by id is still a stable total order, which is all keyset paging needs.
      await admin.query(
        `INSERT INTO tasks (id, organization_id, project_id, number, title, description, status, priority,
                            due_date, created_at, updated_at)
         SELECT gen_random_uuid(), $1, $2, g,
                'Task ' || g || ' ' || (ARRAY['login','billing','search','export','onboarding'])[1 + g % 5],
                'Details about ' || (ARRAY['alpha','beta','gamma','delta'])[1 + g % 4],
                (ARRAY['TODO','IN_PROGRESS','IN_REVIEW','DONE','ARCHIVED'])[1 + g % 5]::"TaskStatus",
                (ARRAY['LOW','MEDIUM','HIGH','URGENT'])[1 + g % 4]::"TaskPriority",
                CASE WHEN g % 3 = 0 THEN NULL ELSE current_date + (g % 90) END,
                now() - g * interval '1 minute', now()
         FROM generate_series(1, $3) g`,
        [row.org, project.id, perProject],
      );
    }
    tenants.push({ orgId: row.org, userId: row.usr, projectId: projects.rows[0]?.id ?? "" });
  }
  await admin.query("ANALYZE");
  const { rows: count } = await admin.query<{ n: number }>("SELECT count(*)::int AS n FROM tasks");
  console.log(`seeded ${count[0]?.n} tasks in ${Math.round((Date.now() - started) / 1000)} s`);

  const pick = (): Tenant => {
    const tenant = tenants[Math.floor(Math.random() * tenants.length)];
    if (!tenant) throw new Error("no tenants seeded");
    return tenant;
  };
  const callerFor = (t: Tenant) =>
    createCaller(
      createInnerTRPCContext({
        db,
        session: { user: { id: t.userId, email: "", name: "" } },
        organization: t.orgId,
      }),
    );

  const FLOOR_SQL = `SELECT t.id FROM tasks t
    JOIN projects p ON p.organization_id = t.organization_id AND p.id = t.project_id
    WHERE t.organization_id = $1 AND p.deleted_at IS NULL AND p.archived_at IS NULL AND t.status <> 'ARCHIVED'
    ORDER BY t.id DESC LIMIT ${PAGE + 1}`;
  const plan = await admin.query<{ "QUERY PLAN": string }>(`EXPLAIN ${FLOOR_SQL}`, [pick().orgId]);
  console.log(
    "plan of the floor query:\n" + plan.rows.map((r) => "  " + r["QUERY PLAN"]).join("\n"),
  );

  const bench = new Bench({ time: TIME_MS, warmupTime: 500 });
  bench
    .add("floor: raw pg, org-wide newest page (ids)", async () => {
      await admin.query(FLOOR_SQL, [pick().orgId]);
    })
    .add("tRPC task.list org-wide newest", async () => {
      await callerFor(pick()).task.list({ limit: PAGE });
    })
    .add("tRPC task.list project + status filter", async () => {
      const t = pick();
      await callerFor(t).task.list({
        projectId: t.projectId,
        status: ["TODO", "IN_PROGRESS"],
        limit: PAGE,
      });
    })
    .add("tRPC task.list full-text search", async () => {
      await callerFor(pick()).task.list({ search: "billing gamma", limit: PAGE });
    })
    .add("tRPC task.list due sort, page 2", async () => {
      const t = pick();
      const api = callerFor(t);
      const first = await api.task.list({ sort: "due", limit: PAGE });
      await api.task.list({ sort: "due", limit: PAGE, cursor: first.nextCursor });
    });
  await bench.run();

  await report(bench, "task-list", {
    backend: database.backend,
    orgs: ORGS,
    tasks: count[0]?.n,
    page: PAGE,
  });
} finally {
  await db.$disconnect();
  await admin.end();
  await database.drop();
}
