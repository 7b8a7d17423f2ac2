// task.list on the floor: the product's statements as Prisma sends them, or the page in one statement.
import type http from "node:http";
import type pg from "pg";

import type { Member } from "./tenant.ts";
import { Envelope, HttpError, parseInput, parseLimit, UUID, withTenant } from "./tenant.ts";

interface TaskListInput {
  projectId: string | null;
  limit: number;
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

export async function taskList(req: http.IncomingMessage, url: URL): Promise<string> {
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
