// Which projects a member sees: the rule every project, task and audit query applies, as a Prisma filter and as SQL.
import { Prisma } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";

/** Which projects a visibility filter admits besides the visibility rule: live ones (default) or deleted ones. */
export interface VisibilityScope {
  /** true: only soft-deleted projects (the trash); "any": deleted or not (history, such as the audit log). */
  deleted?: boolean | "any";
}

/**
 * The projects an actor may see: organization-wide, or the actor is a member, or the actor holds
 * project.manage_all; not deleted unless `scope` says otherwise. Every read of projects — top-level or nested in
 * another object (teams, tasks, the trash) — filters with this, or with its SQL twin below.
 */
export function visibleProjectsWhere(
  actor: MemberActor,
  scope: VisibilityScope = {},
): Prisma.ProjectWhereInput {
  const deletedAt = scope.deleted === "any" ? undefined : scope.deleted ? { not: null } : null;
  const base: Prisma.ProjectWhereInput = { organizationId: actor.organizationId, deletedAt };
  if (actor.membership.permissions.has("project.manage_all")) return base;
  return {
    ...base,
    OR: [
      { visibility: "ORGANIZATION" },
      {
        members: {
          some: { organizationId: actor.organizationId, membershipId: actor.membership.id },
        },
      },
    ],
  };
}

/**
 * visibleProjectsWhere as an SQL predicate over a projects row aliased `p`, for the raw queries (task list,
 * analytics, audit log). project.test.ts checks that both admit the same projects.
 */
export function visibleProjectSql(actor: MemberActor, scope: VisibilityScope = {}): Prisma.Sql {
  const deleted =
    scope.deleted === "any"
      ? Prisma.sql`TRUE`
      : scope.deleted
        ? Prisma.sql`p.deleted_at IS NOT NULL`
        : Prisma.sql`p.deleted_at IS NULL`;
  if (actor.membership.permissions.has("project.manage_all")) return deleted;
  return Prisma.sql`${deleted} AND (p.visibility = 'ORGANIZATION' OR EXISTS (
      SELECT 1 FROM project_members pm
      WHERE pm.organization_id = p.organization_id AND pm.project_id = p.id AND pm.membership_id = ${actor.membership.id}::uuid))`;
}
