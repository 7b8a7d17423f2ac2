// The floor of the HTTP benchmark: bare node:http + pg doing the product's work for the measured requests with the
// fewest layers — verify the bearer access token (jose, the product's key), one statement for session + user +
// membership + organization, the tenant transaction (role, user, organization, member role set as the product sets
// them), the product's own list SQL — and answering the same bytes as the product (tRPC's superjson envelope; the
// benchmark asserts byte equality before it measures). It supports just those requests; anything else is a 400.
//
// task.list has two variants, chosen by the `x-bench-floor` request header:
// - default: the product's statements as Prisma sends them (id query, then the hydration: tasks with the subtask
//   count, projects, assignees, tags, memberships, tag rows, users), so the difference to the product is the
//   layers around the same SQL;
// - `one-statement`: the page and its relations in one statement (lateral joins), what a hand-written query costs.
import { hkdfSync } from "node:crypto";
import http from "node:http";
import { jwtVerify } from "jose";
import pg from "pg";

// eslint-disable-next-line no-restricted-syntax -- configured by the benchmark runner (servers.ts)
const env = process.env;
const PORT = Number(env.FLOOR_PORT ?? 0);
const APP_ROLE = env.FLOOR_APP_ROLE ?? "tenantry_app";
// The product's defaults (packages/auth env): idle lifetime and the interval between last-seen writes.
const SESSION_IDLE_SECONDS = 604_800;
const SESSION_TOUCH_SECONDS = 60;
const MAX_LIMIT = 100;

// The same key as packages/auth/src/access-token.ts derives from AUTH_SECRET.
const key = new Uint8Array(
  hkdfSync("sha256", env.FLOOR_AUTH_SECRET ?? "", "tenantry", "tenantry access token v1", 32),
);

// DATE columns as their text (YYYY-MM-DD), as Prisma's adapter reads them; never through local-time Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

const pool = new pg.Pool({
  connectionString: env.FLOOR_DATABASE_URL,
  max: Number(env.FLOOR_POOL_MAX ?? 10),
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 15_000,
  application_name: "tenantry-floor",
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Built-in roles that see every project (project.manage_all); all built-in roles hold task.read and project.read. */
const MANAGE_ALL_ROLES = new Set(["OWNER", "ADMIN"]);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Member {
  userId: string;
  membershipId: string;
  organizationId: string;
  manageAll: boolean;
}

// ---- superjson's envelope, written directly: JSON with Dates as ISO strings, their paths listed in meta ----------

class Envelope {
  readonly dates: string[] = [];
  date(value: Date | null, path: string): string | null {
    if (value === null) return null;
    this.dates.push(path);
    return value.toISOString();
  }
  body(json: unknown): string {
    const data = JSON.stringify(json);
    const meta = this.dates.length
      ? `,"meta":{"values":{${this.dates.map((p) => `${JSON.stringify(p)}:["Date"]`).join(",")}},"v":1}`
      : "";
    return `{"result":{"data":{"json":${data}${meta}}}}`;
  }
}

// ---- the tenant transaction --------------------------------------------------------------------------------------

const MEMBER_SQL = `
  SELECT s.last_seen_at, s.active_organization_id, m.id AS membership_id, m.role::text AS role,
         m.custom_role_id, o.status::text AS org_status,
         CASE WHEN m.id IS NOT NULL THEN set_config('app.org_id', m.organization_id::text, true) END,
         CASE WHEN m.id IS NOT NULL THEN set_config('app.role', m.role::text, true) END
  FROM auth_sessions s
  JOIN users u ON u.id = s.user_id AND u.status = 'ACTIVE'
  LEFT JOIN memberships m ON m.user_id = s.user_id AND m.organization_id = $3::uuid AND m.status = 'ACTIVE'
  LEFT JOIN organizations o ON o.id = m.organization_id
  WHERE s.id = $1::uuid AND s.user_id = $2::uuid AND s.revoked_at IS NULL AND s.expires_at > now()
    AND s.last_seen_at > now() - $4::int * interval '1 second'`;

/** Verifies the token, then runs `fn` in one tenant transaction for a verified member of the requested organization. */
async function withTenant<T>(
  req: http.IncomingMessage,
  fn: (client: pg.PoolClient, member: Member) => Promise<T>,
): Promise<T> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
  if (!token || token.length > 2_048) throw new HttpError(401, "Sign in to continue");
  let userId: string;
  let sessionId: string;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      issuer: "tenantry",
      audience: "tenantry-api",
      typ: "at+jwt",
    });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string")
      throw new Error("claims");
    userId = payload.sub;
    sessionId = payload.sid;
  } catch {
    throw new HttpError(401, "Invalid or expired access token");
  }
  const organizationId = req.headers["x-tenantry-org"];
  if (typeof organizationId !== "string" || !UUID.test(organizationId)) {
    throw new HttpError(400, "the floor needs x-tenantry-org with an organization id");
  }
  if (!UUID.test(userId) || !UUID.test(sessionId)) throw new HttpError(401, "Invalid access token");

  const client = await pool.connect();
  try {
    // One round trip: the ids are checked UUIDs, so they can be literals of the simple protocol.
    await client.query(
      `BEGIN; SELECT set_config('role', '${APP_ROLE}', true), set_config('app.user_id', '${userId}', true)`,
    );
    const { rows } = await client.query<{
      last_seen_at: Date;
      active_organization_id: string | null;
      membership_id: string | null;
      role: string | null;
      custom_role_id: string | null;
      org_status: string | null;
    }>(MEMBER_SQL, [sessionId, userId, organizationId, SESSION_IDLE_SECONDS]);
    const row = rows[0];
    if (!row) throw new HttpError(401, "Your session is no longer valid");
    if (!row.membership_id || !row.role) {
      throw new HttpError(403, "You are not a member of this organization");
    }
    if (row.org_status === "DELETED")
      throw new HttpError(403, "This organization has been deleted");
    if (row.custom_role_id) throw new HttpError(500, "the floor supports built-in roles only");
    // The product's bookkeeping, rare in a run: the session's last-seen time and active organization.
    if (Date.now() - row.last_seen_at.getTime() >= SESSION_TOUCH_SECONDS * 1_000) {
      await client.query(
        "UPDATE auth_sessions SET last_seen_at = now() WHERE id = $1 AND revoked_at IS NULL",
        [sessionId],
      );
    }
    if (row.active_organization_id !== organizationId) {
      await client.query(
        "UPDATE auth_sessions SET active_organization_id = $2 WHERE id = $1 AND revoked_at IS NULL",
        [sessionId, organizationId],
      );
    }
    const result = await fn(client, {
      userId,
      membershipId: row.membership_id,
      organizationId,
      manageAll: MANAGE_ALL_ROLES.has(row.role),
    });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

// ---- task.list --------------------------------------------------------------------------------------------------

interface TaskListInput {
  projectId: string | null;
  limit: number;
}

function parseInput(url: URL): Record<string, unknown> {
  const raw = url.searchParams.get("input");
  if (raw === null) return {};
  const parsed: unknown = JSON.parse(raw);
  const json =
    typeof parsed === "object" && parsed !== null && "json" in parsed ? parsed.json : undefined;
  if (typeof json !== "object" || json === null) throw new HttpError(400, "input must be { json }");
  return json as Record<string, unknown>;
}

function parseLimit(input: Record<string, unknown>, fallback: number): number {
  const limit = input.limit ?? fallback;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new HttpError(400, "limit must be an integer in 1..100");
  }
  return limit;
}

function parseTaskListInput(url: URL): TaskListInput {
  const input = parseInput(url);
  for (const k of Object.keys(input)) {
    if (k !== "projectId" && k !== "limit")
      throw new HttpError(400, `the floor does not support ${k}`);
  }
  const projectId = input.projectId ?? null;
  if (projectId !== null && (typeof projectId !== "string" || !UUID.test(projectId))) {
    throw new HttpError(400, "projectId must be a UUID");
  }
  return { projectId, limit: parseLimit(input, 50) };
}

/** The id query of packages/core/src/work/task-query.ts for this input, as its Prisma.sql renders it. */
function taskIdsQuery(member: Member, input: TaskListInput): { text: string; values: unknown[] } {
  const values: unknown[] = [member.organizationId];
  const visible = member.manageAll
    ? "p.deleted_at IS NULL"
    : `p.deleted_at IS NULL AND (p.visibility = 'ORGANIZATION' OR EXISTS (
      SELECT 1 FROM project_members pm
      WHERE pm.organization_id = p.organization_id AND pm.project_id = p.id AND pm.membership_id = $${values.push(member.membershipId)}::uuid))`;
  const scope = input.projectId
    ? `t.project_id = $${values.push(input.projectId)}::uuid`
    : "p.archived_at IS NULL";
  const limit = `$${values.push(input.limit + 1)}`;
  return {
    text: `
    SELECT t.id, to_char(t.due_date, 'YYYY-MM-DD') AS due, t.priority::text AS priority
    FROM tasks t
    JOIN projects p ON p.organization_id = t.organization_id AND p.id = t.project_id
    WHERE t.organization_id = $1::uuid AND ${visible} AND ${scope} AND t.status <> 'ARCHIVED'
    ORDER BY t.id DESC
    LIMIT ${limit}`,
    values,
  };
}

interface TaskRow {
  id: string;
  organization_id: string;
  project_id: string;
  number: number;
  title: string;
  description: string;
  status: string;
  priority: string;
  due_date: string | null;
  estimated_hours: string | null;
  actual_hours: string | null;
  parent_id: string | null;
  completed_at: Date | null;
  created_by_id: string | null;
  created_at: Date;
  updated_at: Date;
  subtask_count: number;
}

interface Person {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
}

interface TagOut {
  id: string;
  name: string;
  color: string;
}

const list = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => `$${from + i}`).join(",");
const q = (table: string, column: string) => `"public"."${table}"."${column}"`;
const cols = (table: string, columns: string[]) => columns.map((c) => q(table, c)).join(", ");

// Prisma 7's statements for `task.findMany({ where: { organizationId, id: { in } }, include: taskInclude })`, as
// captured at the wire: the subtask count as a grouped LEFT JOIN, then one query per relation whose IN lists hold
// the parent rows' keys (duplicates included), each with its trailing OFFSET parameter.
const PRISMA_TASKS = (n: number) =>
  `SELECT ${cols("tasks", ["id", "organization_id", "project_id", "number", "title", "description"])}, ${q("tasks", "status")}::text, ${q("tasks", "priority")}::text, ${cols("tasks", ["due_date", "estimated_hours", "actual_hours", "parent_id", "completed_at", "created_by_id", "created_at", "updated_at"])}, COALESCE("aggr_selection_0_Task"."_aggr_count_subtasks", 0) AS "_aggr_count_subtasks" FROM "public"."tasks" LEFT JOIN (SELECT ${q("tasks", "organization_id")}, ${q("tasks", "parent_id")}, COUNT(*) AS "_aggr_count_subtasks" FROM "public"."tasks" WHERE 1=1 GROUP BY ${q("tasks", "organization_id")}, ${q("tasks", "parent_id")}) AS "aggr_selection_0_Task" ON (${q("tasks", "organization_id")} = "aggr_selection_0_Task"."organization_id" AND ${q("tasks", "id")} = "aggr_selection_0_Task"."parent_id") WHERE (${q("tasks", "organization_id")} = $1 AND ${q("tasks", "id")} IN (${list(2, n)})) OFFSET $${n + 2}`;
/** A relation query: `select` columns of `table` where `a` IN (first list) AND `b` IN (second list). */
const PRISMA_RELATION = (
  table: string,
  select: string[],
  a: string,
  b: string,
  n: number,
  orderBy = "",
) =>
  `SELECT ${cols(table, select)} FROM "public"."${table}" WHERE (${q(table, a)} IN (${list(1, n)}) AND ${q(table, b)} IN (${list(n + 1, n)}))${orderBy} OFFSET $${2 * n + 1}`;

async function hydrateLikePrisma(
  client: pg.PoolClient,
  organizationId: string,
  ids: string[],
): Promise<
  Map<string, { task: TaskRow; projectKey: string; assignees: Person[]; tags: TagOut[] }>
> {
  const orgs = (k: number) => Array.from({ length: k }, () => organizationId);
  const tasks = (
    await client.query<Omit<TaskRow, "subtask_count"> & { _aggr_count_subtasks: string }>(
      PRISMA_TASKS(ids.length),
      [organizationId, ...ids, 0],
    )
  ).rows.map((t) => ({ ...t, subtask_count: Number(t._aggr_count_subtasks) }));
  const relation = async <R extends pg.QueryResultRow>(
    sql: (n: number) => string,
    first: string[],
    second: (n: number) => string[],
  ): Promise<R[]> =>
    first.length
      ? (await client.query<R>(sql(first.length), [...first, ...second(first.length), 0])).rows
      : [];
  const projects = await relation<{ id: string; key: string }>(
    (n) =>
      PRISMA_RELATION("projects", ["id", "key", "organization_id"], "id", "organization_id", n),
    tasks.map((t) => t.project_id),
    orgs,
  );
  const assignees = await relation<{ task_id: string; membership_id: string }>(
    (n) =>
      PRISMA_RELATION(
        "task_assignees",
        ["organization_id", "task_id", "membership_id"],
        "organization_id",
        "task_id",
        n,
        ` ORDER BY ${q("task_assignees", "created_at")} ASC`,
      ),
    orgs(tasks.length),
    () => tasks.map((t) => t.id),
  );
  const taskTags = await relation<{ task_id: string; tag_id: string }>(
    (n) =>
      PRISMA_RELATION(
        "task_tags",
        ["organization_id", "task_id", "tag_id"],
        "organization_id",
        "task_id",
        n,
      ),
    orgs(tasks.length),
    () => tasks.map((t) => t.id),
  );
  const memberships = await relation<{ id: string; user_id: string }>(
    (n) =>
      PRISMA_RELATION(
        "memberships",
        ["id", "user_id", "organization_id"],
        "id",
        "organization_id",
        n,
      ),
    assignees.map((a) => a.membership_id),
    orgs,
  );
  const tags = await relation<TagOut>(
    (n) =>
      PRISMA_RELATION(
        "tags",
        ["id", "name", "color", "organization_id"],
        "id",
        "organization_id",
        n,
      ),
    taskTags.map((t) => t.tag_id),
    orgs,
  );
  const userIds = memberships.map((m) => m.user_id);
  const users = userIds.length
    ? (
        await client.query<{ id: string; name: string; email: string }>(
          `SELECT ${cols("users", ["id", "name", "email"])} FROM "public"."users" WHERE ${q("users", "id")} IN (${list(1, userIds.length)}) OFFSET $${userIds.length + 1}`,
          [...userIds, 0],
        )
      ).rows
    : [];

  const projectKey = new Map(projects.map((p) => [p.id, p.key]));
  const userById = new Map(users.map((u) => [u.id, u]));
  const personByMembership = new Map<string, Person>();
  for (const ms of memberships) {
    const user = userById.get(ms.user_id);
    if (user) {
      personByMembership.set(ms.id, {
        membershipId: ms.id,
        userId: user.id,
        name: user.name,
        email: user.email,
      });
    }
  }
  const tagById = new Map(tags.map((t) => [t.id, { id: t.id, name: t.name, color: t.color }]));
  const out = new Map<
    string,
    { task: TaskRow; projectKey: string; assignees: Person[]; tags: TagOut[] }
  >();
  for (const task of tasks) {
    out.set(task.id, {
      task,
      projectKey: projectKey.get(task.project_id) ?? "",
      assignees: [],
      tags: [],
    });
  }
  for (const a of assignees) {
    const person = personByMembership.get(a.membership_id);
    if (person) out.get(a.task_id)?.assignees.push(person);
  }
  for (const tt of taskTags) {
    const tag = tagById.get(tt.tag_id);
    if (tag) out.get(tt.task_id)?.tags.push({ ...tag });
  }
  return out;
}

const TASK_COLUMNS = `t.id, t.organization_id, t.project_id, t.number, t.title, t.description, t.status::text AS status,
  t.priority::text AS priority, t.due_date, t.estimated_hours, t.actual_hours, t.parent_id, t.completed_at,
  t.created_by_id, t.created_at, t.updated_at`;

/** The page and its relations in one statement: the id query's rows, each with its project key and relations. */
function oneStatementQuery(
  member: Member,
  input: TaskListInput,
): { text: string; values: unknown[] } {
  const ids = taskIdsQuery(member, input);
  return {
    text: `
    WITH page AS MATERIALIZED (${ids.text})
    SELECT ${TASK_COLUMNS}, p.key AS project_key,
           (SELECT count(*)::int FROM tasks s WHERE s.organization_id = t.organization_id AND s.parent_id = t.id)
             AS subtask_count,
           (SELECT coalesce(json_agg(json_build_object('membershipId', m.id, 'userId', u.id, 'name', u.name,
                                                       'email', u.email) ORDER BY ta.created_at), '[]')
            FROM task_assignees ta
            JOIN memberships m ON m.organization_id = ta.organization_id AND m.id = ta.membership_id
            JOIN users u ON u.id = m.user_id
            WHERE ta.organization_id = t.organization_id AND ta.task_id = t.id) AS assignees,
           (SELECT coalesce(json_agg(json_build_object('id', g.id, 'name', g.name, 'color', g.color)), '[]')
            FROM task_tags tt JOIN tags g ON g.organization_id = tt.organization_id AND g.id = tt.tag_id
            WHERE tt.organization_id = t.organization_id AND tt.task_id = t.id) AS tags
    FROM page
    JOIN tasks t ON t.organization_id = $1::uuid AND t.id = page.id
    JOIN projects p ON p.organization_id = t.organization_id AND p.id = t.project_id
    ORDER BY t.id DESC`,
    values: ids.values,
  };
}

const byName = (a: TagOut, b: TagOut) => a.name.localeCompare(b.name);
const hours = (value: string | null) => (value === null ? null : Number(value));

function taskOutput(
  env: Envelope,
  i: number,
  t: TaskRow,
  projectKey: string,
  assignees: Person[],
  tags: TagOut[],
) {
  // Key order is ZTaskOutput's, which the product's output validation produces.
  return {
    id: t.id,
    organizationId: t.organization_id,
    projectId: t.project_id,
    projectKey,
    number: t.number,
    reference: `${projectKey}-${t.number}`,
    title: t.title,
    description: t.description,
    status: t.status,
    priority: t.priority,
    dueDate: t.due_date,
    estimatedHours: hours(t.estimated_hours),
    actualHours: hours(t.actual_hours),
    parentId: t.parent_id,
    completedAt: env.date(t.completed_at, `items.${i}.completedAt`),
    createdById: t.created_by_id,
    createdAt: env.date(t.created_at, `items.${i}.createdAt`),
    updatedAt: env.date(t.updated_at, `items.${i}.updatedAt`),
    assignees,
    tags: tags.sort(byName),
    subtaskCount: t.subtask_count,
  };
}

const nextCursorOf = (rows: { id: string }[], limit: number) => {
  const last = rows[limit - 1];
  return rows.length > limit && last
    ? Buffer.from(JSON.stringify({ id: last.id, k: null })).toString("base64url")
    : null;
};

async function taskList(req: http.IncomingMessage, url: URL): Promise<string> {
  const input = parseTaskListInput(url);
  const oneStatement = req.headers["x-bench-floor"] === "one-statement";
  return withTenant(req, async (client, member) => {
    const env = new Envelope();
    if (oneStatement) {
      const rows = (
        await client.query<TaskRow & { project_key: string; assignees: Person[]; tags: TagOut[] }>(
          oneStatementQuery(member, input),
        )
      ).rows;
      const page = rows.slice(0, input.limit);
      const items = page.map((r, i) => taskOutput(env, i, r, r.project_key, r.assignees, r.tags));
      return env.body({ items, nextCursor: nextCursorOf(rows, input.limit) });
    }
    const { rows } = await client.query<{ id: string }>(taskIdsQuery(member, input));
    const page = rows.slice(0, input.limit);
    const hydrated = await hydrateLikePrisma(
      client,
      member.organizationId,
      page.map((r) => r.id),
    );
    const items = page.flatMap((r) => {
      const h = hydrated.get(r.id);
      return h ? [h] : [];
    });
    return env.body({
      items: items.map((h, i) => taskOutput(env, i, h.task, h.projectKey, h.assignees, h.tags)),
      nextCursor: nextCursorOf(rows, input.limit),
    });
  });
}

// ---- project.list -----------------------------------------------------------------------------------------------

async function projectList(req: http.IncomingMessage, url: URL): Promise<string> {
  const input = parseInput(url);
  for (const k of Object.keys(input)) {
    if (k !== "limit") throw new HttpError(400, `the floor does not support ${k}`);
  }
  const limit = parseLimit(input, 20);
  return withTenant(req, async (client, member) => {
    // Prisma's statement for listProjects' findMany (captured at the wire), parameters in its order.
    const values: unknown[] = [member.organizationId];
    const visible = member.manageAll
      ? ""
      : ` AND ("public"."projects"."visibility" = CAST($${values.push("ORGANIZATION")}::text AS "public"."ProjectVisibility") OR EXISTS(SELECT "t0"."organization_id", "t0"."project_id" FROM "public"."project_members" AS "t0" WHERE ("t0"."organization_id" = $${values.push(member.organizationId)} AND "t0"."membership_id" = $${values.push(member.membershipId)} AND ("public"."projects"."organization_id","public"."projects"."id") = ("t0"."organization_id","t0"."project_id") AND "t0"."organization_id" IS NOT NULL AND "t0"."project_id" IS NOT NULL)))`;
    const text = `SELECT "public"."projects"."id", "public"."projects"."organization_id", "public"."projects"."key", "public"."projects"."name", "public"."projects"."description", "public"."projects"."visibility"::text, "public"."projects"."team_id", "public"."projects"."created_by_id", "public"."projects"."archived_at", "public"."projects"."created_at", "public"."projects"."updated_at" FROM "public"."projects" WHERE ("public"."projects"."organization_id" = $1 AND "public"."projects"."deleted_at" IS NULL${visible} AND "public"."projects"."archived_at" IS NULL) ORDER BY "public"."projects"."created_at" DESC, "public"."projects"."id" DESC LIMIT $${values.push(limit + 1)} OFFSET $${values.push(0)}`;
    const { rows } = await client.query<{
      id: string;
      organization_id: string;
      key: string;
      name: string;
      description: string;
      visibility: string;
      team_id: string | null;
      created_by_id: string | null;
      archived_at: Date | null;
      created_at: Date;
      updated_at: Date;
    }>(text, values);
    const env = new Envelope();
    const page = rows.slice(0, limit);
    const items = page.map((p, i) => ({
      id: p.id,
      organizationId: p.organization_id,
      key: p.key,
      name: p.name,
      description: p.description,
      visibility: p.visibility,
      teamId: p.team_id,
      createdById: p.created_by_id,
      archivedAt: env.date(p.archived_at, `items.${i}.archivedAt`),
      createdAt: env.date(p.created_at, `items.${i}.createdAt`),
      updatedAt: env.date(p.updated_at, `items.${i}.updatedAt`),
    }));
    const last = page.at(-1);
    return env.body({ items, nextCursor: rows.length > limit && last ? last.id : null });
  });
}

// ---- HTTP -------------------------------------------------------------------------------------------------------

async function health(): Promise<string> {
  const started = performance.now();
  await pool.query("SELECT 1");
  const latencyMs = Math.round(performance.now() - started);
  return JSON.stringify({ status: "ok", database: { ok: true, latencyMs } });
}

async function route(req: http.IncomingMessage): Promise<string> {
  const url = new URL(req.url ?? "/", "http://floor");
  if (req.method !== "GET") throw new HttpError(405, "GET only");
  switch (url.pathname) {
    case "/api/health":
      return health();
    case "/api/trpc/task.list":
      return taskList(req, url);
    case "/api/trpc/project.list":
      return projectList(req, url);
    default:
      throw new HttpError(404, "not found");
  }
}

const server = http.createServer((req, res) => {
  route(req).then(
    (body) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    },
    (error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) console.error(error);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: error instanceof Error ? error.message : "error" }));
    },
  );
});

server.listen(PORT, "127.0.0.1");
const shutdown = () => {
  server.close();
  void pool.end();
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
