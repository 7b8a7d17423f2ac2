// Seeds the HTTP benchmark's database in bulk (generate_series on the server, one statement per table and project):
// organizations with members, tags, projects and tasks carrying assignees, tags and subtasks, with time-ordered
// (UUIDv7-like) ids as the product creates them.
import pg from "pg";

export interface SeedOptions {
  /** Organizations in all. */
  orgs: number;
  /** Tasks in all. */
  tasks: number;
  /** Organizations of the measured size; requests rotate over them (see README: the plans' API rate). */
  tenants: number;
  /** Tasks of each measured organization. */
  tenantTasks: number;
  /** Extra organizations of the measured shape with these many tasks each (the organization-size comparison). */
  sizes?: number[];
  /** argon2id hash every seeded user signs in with. */
  passwordHash: string;
  log: (msg: string) => void;
}

export interface SeededUser {
  id: string;
  email: string;
  membershipId: string;
}

export interface SeededOrg {
  id: string;
  slug: string;
  /** users[0] is the OWNER, the others are MEMBERs; users[1] is the API client of the measurements. */
  users: SeededUser[];
  /** The project whose tasks task.list pages and whose page renders the board. */
  boardProjectId: string;
  /** Newest TODO task of the board project: the board must show it. */
  boardNewestTodo: string;
}

const MEMBERS = 12;
const TASK_PROJECTS = 5;
/** Measured organizations also hold task-less projects, so that project.list has a full first page. */
const EMPTY_PROJECTS = 55;
const BULK_TABLES = ["tasks", "task_assignees", "task_tags"];
const seconds = (since: number) => ((Date.now() - since) / 1_000).toFixed(1);
const TAGS = ["backend", "bug", "design", "docs", "feature", "frontend", "infra", "ux"];

// UUIDv7 layout (48-bit milliseconds, version 7, variant 10xx) from a timestamp, so ids sort by creation time as
// the product's do. A temporary function: it lives only in the seeding session.
const UUID7_FUNCTION = `
  CREATE FUNCTION pg_temp.uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT (lpad(to_hex(floor(extract(epoch FROM ts) * 1000)::bigint), 12, '0')
            || '7' || substr(md5(random()::text), 1, 3)
            || to_hex(8 + floor(random() * 4)::int) || substr(md5(random()::text), 1, 15))::uuid
  $$`;

const TASKS_SQL = `
  INSERT INTO tasks (id, organization_id, project_id, number, title, description, status, priority, due_date,
                     estimated_hours, actual_hours, parent_id, completed_at, created_by_id, created_at, updated_at)
  SELECT id, $1, $2, g,
         'Task ' || g || ': ' || (ARRAY['login','billing','search','export','onboarding'])[1 + g % 5] || ' '
           || (ARRAY['flow','page','report','sync','settings','emails'])[1 + g % 6],
         'Details about the ' || (ARRAY['alpha','beta','gamma','delta'])[1 + g % 4] || ' work: '
           || repeat('more words to read, ', 1 + g % 6),
         status, (ARRAY['LOW','MEDIUM','HIGH','URGENT'])[1 + g % 4]::"TaskPriority",
         CASE WHEN g % 3 = 0 THEN NULL ELSE date '2026-12-01' + g % 90 END,
         CASE WHEN g % 4 = 0 THEN (g % 16) / 2.0 END,
         CASE WHEN g % 8 = 0 THEN (g % 10) / 4.0 END,
         -- every tenth task is a subtask of the one before it
         CASE WHEN g % 10 = 0 THEN lag(id) OVER (ORDER BY g) END,
         CASE WHEN status = 'DONE' THEN created + interval '2 days' END,
         $3, created, created + interval '1 hour'
  FROM (SELECT g, created, pg_temp.uuid7(created) AS id,
               (ARRAY['TODO','IN_PROGRESS','IN_REVIEW','DONE','ARCHIVED'])[1 + g % 5]::"TaskStatus" AS status
        FROM generate_series(1, $4::int) g
        CROSS JOIN LATERAL (SELECT $5::timestamptz - ($4::int - g) * interval '1 minute' AS created) c) s`;

export interface Seeded {
  /** The organizations of the measured size. */
  measured: SeededOrg[];
  /** One per `sizes` entry, in its order. */
  sized: { org: SeededOrg; tasks: number }[];
}

export async function seedDatabase(adminUrl: string, opts: SeedOptions): Promise<Seeded> {
  const others = opts.orgs - opts.tenants;
  const rest = opts.tasks - opts.tenants * opts.tenantTasks;
  if (opts.tenants < 1 || others < 0 || rest < 0 || (rest > 0 && others === 0)) {
    throw new Error(
      `cannot seed ${opts.tasks} tasks over ${opts.orgs} organizations with ${opts.tenants} of ${opts.tenantTasks} tasks`,
    );
  }
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(UUID7_FUNCTION);
    // Bulk-load speed: foreign keys are not checked row by row (the generator keeps them consistent) and the
    // secondary indexes of the big tables are built once at the end, from their own definitions.
    await client.query("SET session_replication_role = replica");
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT i.indexname AS name, i.indexdef AS definition
       FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname
       JOIN pg_index x ON x.indexrelid = c.oid
       WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT x.indisunique`,
      [BULK_TABLES],
    );
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    const seeded: SeededOrg[] = [];
    const suffix = Date.now().toString(36);
    const loadStarted = Date.now();
    for (let i = 0; i < opts.orgs; i++) {
      const measured = i < opts.tenants;
      const tasks = measured
        ? opts.tenantTasks
        : Math.floor(rest / others) + (i === opts.orgs - 1 ? rest % others : 0);
      const org = await seedOrganization(client, {
        index: i,
        slug: `bench-${i}-${suffix}`,
        tasks,
        emptyProjects: measured ? EMPTY_PROJECTS : 0,
        passwordHash: opts.passwordHash,
      });
      if (measured) seeded.push(org);
      if ((i + 1) % 5 === 0 || i === opts.orgs - 1) {
        opts.log(`  ${i + 1}/${opts.orgs} organizations (${seconds(loadStarted)} s)`);
      }
    }
    const sized: Seeded["sized"] = [];
    for (const [k, tasks] of (opts.sizes ?? []).entries()) {
      const org = await seedOrganization(client, {
        index: opts.orgs + k,
        slug: `bench-size-${tasks}-${suffix}`,
        tasks,
        emptyProjects: EMPTY_PROJECTS,
        passwordHash: opts.passwordHash,
      });
      sized.push({ org, tasks });
      opts.log(`  organization of ${tasks} tasks (${seconds(loadStarted)} s)`);
    }
    await client.query("SET session_replication_role = DEFAULT");
    await client.query("SET maintenance_work_mem = '256MB'");
    let started = Date.now();
    for (const index of indexes) await client.query(index.definition);
    opts.log(`  ${indexes.length} indexes rebuilt in ${seconds(started)} s`);
    started = Date.now();
    await client.query("VACUUM (ANALYZE)");
    opts.log(`  VACUUM ANALYZE in ${seconds(started)} s`);
    return { measured: seeded, sized };
  } finally {
    await client.end();
  }
}

async function seedOrganization(
  client: pg.Client,
  o: { index: number; slug: string; tasks: number; emptyProjects: number; passwordHash: string },
): Promise<SeededOrg> {
  const one = async <R extends pg.QueryResultRow>(sql: string, params: unknown[]) => {
    const row = (await client.query<R>(sql, params)).rows[0];
    if (!row) throw new Error(`seeding returned nothing: ${sql.slice(0, 60)}`);
    return row;
  };
  const { id: orgId } = await one<{ id: string }>(
    `INSERT INTO organizations (id, name, slug, plan, updated_at)
     VALUES (pg_temp.uuid7(now()), $1, $2, 'ENTERPRISE', now()) RETURNING id`,
    [`Bench ${o.index}`, o.slug],
  );
  const users = (
    await client.query<SeededUser>(
      `WITH u AS (
         INSERT INTO users (id, email, name, password_hash, email_verified, updated_at)
         SELECT pg_temp.uuid7(now() - g * interval '1 day'), $2 || '-' || g || '@bench.test', 'Member ' || g, $3, now(), now()
         FROM generate_series(1, $4::int) g
         RETURNING id, email),
       m AS (
         INSERT INTO memberships (id, organization_id, user_id, role, created_at, updated_at)
         SELECT pg_temp.uuid7(now()), $1, u.id,
                CASE WHEN u.email = $2 || '-1@bench.test' THEN 'OWNER' ELSE 'MEMBER' END::"MembershipRole",
                now() - row_number() OVER (ORDER BY u.email) * interval '1 second', now()
         FROM u
         RETURNING id, user_id)
       SELECT u.id, u.email, m.id AS "membershipId" FROM u JOIN m ON m.user_id = u.id`,
      [orgId, o.slug, o.passwordHash, MEMBERS],
    )
  ).rows.sort((a, b) => emailIndex(a.email) - emailIndex(b.email));
  const owner = users[0];
  if (!owner) throw new Error("seeding created no users");
  const tagIds = (
    await client.query<{ id: string }>(
      `INSERT INTO tags (id, organization_id, name, color)
       SELECT pg_temp.uuid7(now()), $1, name, '#' || substr(md5(name), 1, 6) FROM unnest($2::text[]) name
       RETURNING id`,
      [orgId, TAGS],
    )
  ).rows.map((r) => r.id);

  // Project 1 is the newest. Among the task-less ones, three are members-only (the measured user is not a member,
  // so they are hidden from it) and two archived (hidden from the default list).
  const projectCount = TASK_PROJECTS + o.emptyProjects;
  const projects = (
    await client.query<{ id: string; n: number }>(
      `INSERT INTO projects (id, organization_id, key, name, description, visibility, archived_at, created_by_id,
                             created_at, updated_at)
       SELECT pg_temp.uuid7(c), $1, 'P' || g, 'Project ' || g, 'What project ' || g || ' is about',
              CASE WHEN g > $4::int AND g <= $4::int + 3 THEN 'MEMBERS' ELSE 'ORGANIZATION' END::"ProjectVisibility",
              CASE WHEN g > $4::int + 3 THEN c END,
              $3, c, c
       FROM generate_series(1, $2::int) g CROSS JOIN LATERAL (SELECT now() - g * interval '1 hour' AS c) x
       RETURNING id, substr(key, 2)::int AS n`,
      [orgId, projectCount, owner.id, o.emptyProjects >= 5 ? projectCount - 5 : projectCount],
    )
  ).rows.sort((a, b) => a.n - b.n);

  const perProject = Math.floor(o.tasks / TASK_PROJECTS);
  for (let p = 0; p < TASK_PROJECTS; p++) {
    const project = projects[p];
    if (!project) throw new Error("seeding created too few projects");
    const count = perProject + (p === TASK_PROJECTS - 1 ? o.tasks % TASK_PROJECTS : 0);
    // Projects' tasks interleave in time (and so in id order), as they would in a busy organization.
    await client.query(TASKS_SQL, [
      orgId,
      project.id,
      owner.id,
      count,
      new Date(Date.now() - p * 1_000),
    ]);
  }
  const membershipIds = users.map((u) => u.membershipId);
  await client.query(
    `INSERT INTO task_assignees (organization_id, task_id, membership_id, created_at)
     SELECT t.organization_id, t.id, ($2::uuid[])[1 + (t.number + k) % array_length($2::uuid[], 1)],
            t.created_at + k * interval '1 second'
     FROM tasks t CROSS JOIN LATERAL generate_series(1, t.number % 3) k
     WHERE t.organization_id = $1`,
    [orgId, membershipIds],
  );
  await client.query(
    `INSERT INTO task_tags (organization_id, task_id, tag_id)
     SELECT t.organization_id, t.id, ($2::uuid[])[1 + (t.number * 3 + k) % array_length($2::uuid[], 1)]
     FROM tasks t CROSS JOIN LATERAL generate_series(1, (ARRAY[0, 1, 2, 1])[1 + t.number % 4]) k
     WHERE t.organization_id = $1`,
    [orgId, tagIds],
  );
  const board = projects[0];
  if (!board) throw new Error("seeding created no projects");
  const newest = await one<{ reference: string }>(
    `SELECT 'P1-' || number AS reference FROM tasks
     WHERE organization_id = $1 AND project_id = $2 AND status = 'TODO' ORDER BY id DESC LIMIT 1`,
    [orgId, board.id],
  );
  return {
    id: orgId,
    slug: o.slug,
    users,
    boardProjectId: board.id,
    boardNewestTodo: newest.reference,
  };
}

function emailIndex(email: string): number {
  return Number(/-(\d+)@/.exec(email)?.[1] ?? 0);
}
