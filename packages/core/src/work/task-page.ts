// One statement for a page of the task list: the id query (filters, visibility, keyset order, LIMIT) as a
// materialized CTE, then each of those rows with its relations. Prisma's include sent five more statements (a
// project per row, assignees, tags, memberships, users) and counted subtasks with a GROUP BY over the whole
// organization; here every relation is read through its index for the page's rows only.
import type { Prisma, TenantDb } from "@tenantry/db";
import type { TTaskOutput } from "@tenantry/validators";

interface TaskPageRow extends Omit<TTaskOutput, "reference"> {
  /** The due date again, for the keyset cursor. */
  due: string | null;
}

export async function queryTaskPage(
  db: TenantDb,
  organizationId: string,
  page: { where: Prisma.Sql; orderBy: Prisma.Sql; limit: number },
): Promise<(TTaskOutput & { due: string | null })[]> {
  // MATERIALIZED: the relations below are computed for the page's rows only, whatever plan the id query gets.
  const rows = await db.$queryRaw<TaskPageRow[]>`
    WITH page AS MATERIALIZED (
      SELECT t.id, p.key
      FROM tasks t
      JOIN projects p ON p.organization_id = t.organization_id AND p.id = t.project_id
      WHERE ${page.where}
      ORDER BY ${page.orderBy}
      LIMIT ${page.limit}
    )
    SELECT t.id::text AS id, t.organization_id::text AS "organizationId", t.project_id::text AS "projectId",
           page.key AS "projectKey", t.number, t.title, t.description, t.status::text AS status,
           t.priority::text AS priority, to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate",
           to_char(t.due_date, 'YYYY-MM-DD') AS due,
           t.estimated_hours::float8 AS "estimatedHours", t.actual_hours::float8 AS "actualHours",
           t.parent_id::text AS "parentId", t.completed_at AS "completedAt",
           t.created_by_id::text AS "createdById", t.created_at AS "createdAt", t.updated_at AS "updatedAt",
           COALESCE((
             SELECT json_agg(json_build_object('membershipId', m.id, 'userId', u.id, 'name', u.name,
                                               'email', u.email) ORDER BY ta.created_at, ta.membership_id)
             FROM task_assignees ta
             JOIN memberships m ON m.organization_id = ta.organization_id AND m.id = ta.membership_id
             JOIN users u ON u.id = m.user_id
             WHERE ta.organization_id = t.organization_id AND ta.task_id = t.id
           ), '[]'::json) AS assignees,
           COALESCE((
             SELECT json_agg(json_build_object('id', g.id, 'name', g.name, 'color', g.color))
             FROM task_tags tt
             JOIN tags g ON g.organization_id = tt.organization_id AND g.id = tt.tag_id
             WHERE tt.organization_id = t.organization_id AND tt.task_id = t.id
           ), '[]'::json) AS tags,
           (SELECT count(*)::int FROM tasks s
            WHERE s.organization_id = t.organization_id AND s.parent_id = t.id
              AND s.deleted_at IS NULL) AS "subtaskCount"
    FROM page
    JOIN tasks t ON t.organization_id = ${organizationId}::uuid AND t.id = page.id
    ORDER BY ${page.orderBy}`;
  return rows.map((row) => ({
    ...row,
    reference: `${row.projectKey}-${row.number}`,
    tags: row.tags.sort((a, b) => a.name.localeCompare(b.name)),
  }));
}
