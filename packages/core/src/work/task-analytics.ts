// Task analytics for an organization or one project, computed in SQL over the tasks the actor can see.
import type { TenantDb } from "@tenantry/db";
import type { TTaskPriority, TTaskStatus } from "@tenantry/validators";
import { Prisma } from "@tenantry/db";
import { TASK_PRIORITIES, TASK_STATUSES } from "@tenantry/validators";

import type { MemberActor } from "../actor.ts";
import { getProject, visibleProjectSql } from "./project.ts";

export async function taskAnalytics(
  db: TenantDb,
  actor: MemberActor,
  input: { projectId?: string },
) {
  if (input.projectId) await getProject(db, actor, input.projectId);
  const where = Prisma.join(
    [
      Prisma.sql`t.organization_id = ${actor.organizationId}::uuid`,
      Prisma.sql`t.deleted_at IS NULL`,
      visibleProjectSql(actor),
      input.projectId ? Prisma.sql`t.project_id = ${input.projectId}::uuid` : Prisma.sql`TRUE`,
    ],
    " AND ",
  );
  const from = Prisma.sql`FROM tasks t JOIN projects p ON p.organization_id = t.organization_id AND p.id = t.project_id`;

  // Sequential on purpose: one transaction is one connection, and node-postgres refuses overlapping queries.
  const groups = await db.$queryRaw<{ status: TTaskStatus; priority: TTaskPriority; n: number }[]>`
      SELECT t.status::text AS status, t.priority::text AS priority, count(*)::int AS n
      ${from} WHERE ${where} GROUP BY t.status, t.priority`;
  const totals = await db.$queryRaw<
    { total: number; overdue: number; completed_this_week: number; avg_hours: number | null }[]
  >`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE t.due_date < current_date AND t.status NOT IN ('DONE', 'ARCHIVED'))::int AS overdue,
             count(*) FILTER (WHERE t.completed_at >= date_trunc('week', now()))::int AS completed_this_week,
             (avg(extract(epoch FROM t.completed_at - t.created_at))
                FILTER (WHERE t.status = 'DONE' AND t.completed_at IS NOT NULL) / 3600)::float8 AS avg_hours
      ${from} WHERE ${where}`;

  const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<
    TTaskStatus,
    number
  >;
  const byPriority = Object.fromEntries(TASK_PRIORITIES.map((p) => [p, 0])) as Record<
    TTaskPriority,
    number
  >;
  for (const g of groups) {
    byStatus[g.status] += g.n;
    byPriority[g.priority] += g.n;
  }
  const row = totals[0];
  return {
    byStatus,
    byPriority,
    total: row?.total ?? 0,
    overdue: row?.overdue ?? 0,
    completedThisWeek: row?.completed_this_week ?? 0,
    // Clamped at 0: completion times come from the app's clock, creation times from the database's.
    averageCompletionHours:
      row?.avg_hours === null || row?.avg_hours === undefined
        ? null
        : Math.max(0, Math.round(row.avg_hours * 10) / 10),
  };
}
