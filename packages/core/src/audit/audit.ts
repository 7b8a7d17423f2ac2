// The audit trail: entries are written through the caller's tenant transaction, so they commit or roll back
// together with the change they describe. Reading it applies project visibility: entries about work (projects,
// tasks, comments, attachments) name what they concern, so a reader without project.manage_all sees them only when
// every project they concern is visible to them.
import type { TenantDb } from "@tenantry/db";
import type { TAuditEntryOutput, TAuditFilter } from "@tenantry/validators";
import { Prisma } from "@tenantry/db";

import type { Actor, MemberActor } from "../actor.ts";
import type { FieldChanges } from "./audit-redact.ts";
import { InvalidError } from "../errors.ts";
import { toPage } from "../page.ts";
import { visibleProjectSql } from "../work/project-visibility.ts";
import { redact, redactChanges } from "./audit-redact.ts";

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId?: string | null;
  metadata?: Prisma.InputJsonObject;
  /** The changed fields, before and after; redacted here, whatever the caller passes. */
  changes?: FieldChanges;
}

/** How an entry names its actor: the API key when the call came through one, else the user, else the system. */
export function actorLabel(actor: Pick<Actor, "userId" | "apiKeyId">): string {
  if (actor.apiKeyId) return `apikey:${actor.apiKeyId}`;
  if (actor.userId) return `user:${actor.userId}`;
  return "system";
}

/**
 * Writes one entry in the caller's transaction. Its place in the organization's hash chain (seq, prev_hash, hash) is
 * assigned by the insert trigger, under the organization's chain lock, so concurrent writers chain correctly.
 */
export async function recordAudit(db: TenantDb, actor: Actor, event: AuditEvent): Promise<void> {
  await db.auditLog.create({
    data: {
      organizationId: actor.organizationId,
      actorUserId: actor.userId || null,
      actorKind: actorLabel(actor),
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      metadata: (redact(event.metadata ?? {}) ?? {}) as Prisma.InputJsonObject,
      changes: redactChanges(event.changes ?? {}),
      ip: (actor.request?.ip ?? "").slice(0, 64),
      userAgent: (actor.request?.userAgent ?? "").slice(0, 512),
      requestId: (actor.request?.requestId ?? "").slice(0, 128),
    },
    select: { id: true },
  });
}

/** Target types whose entries concern projects (and so follow project visibility). */
const WORK_TARGETS = ["project", "task", "comment", "attachment"];

/** A uuid out of a JSON text value, or NULL (never a failed cast: metadata is free-form). */
const uuidOf = (text: Prisma.Sql) =>
  Prisma.sql`CASE WHEN ${text} ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN (${text})::uuid END`;

/** The elements of a metadata array (none when the key is absent or not an array). The key is a constant. */
const jsonArray = (key: "ids" | "projectIds") => {
  const value = Prisma.raw(`a.metadata->'${key}'`);
  return Prisma.sql`jsonb_array_elements_text(CASE WHEN jsonb_typeof(${value}) = 'array' THEN ${value} ELSE '[]'::jsonb END)`;
};

/**
 * SQL predicate over an audit_logs row `a`: the actor may read it. Entries about work concern the projects named
 * by their target (project entries), their metadata (`projectId`, `projectIds`, recorded since this rule) and the
 * tasks they name (target, `taskId`, bulk `ids`); they are shown when that set is non-empty and entirely visible
 * (deleted projects count by the same members-only rule). An older entry whose task no longer exists has no known
 * project and stays hidden: failing closed.
 */
function readableEntrySql(actor: MemberActor): Prisma.Sql {
  if (actor.membership.permissions.has("project.manage_all")) return Prisma.sql`TRUE`;
  const taskIds = Prisma.sql`
    SELECT a.target_id WHERE a.target_type = 'task'
    UNION ALL SELECT ${uuidOf(Prisma.sql`a.metadata->>'taskId'`)}
    UNION ALL SELECT ${uuidOf(Prisma.sql`x`)} FROM ${jsonArray("ids")} AS ids(x)`;
  const projectIds = Prisma.sql`
    SELECT a.target_id WHERE a.target_type = 'project'
    UNION ALL SELECT ${uuidOf(Prisma.sql`a.metadata->>'projectId'`)}
    UNION ALL SELECT ${uuidOf(Prisma.sql`x`)} FROM ${jsonArray("projectIds")} AS pids(x)
    UNION ALL SELECT t.project_id FROM tasks t
      WHERE t.organization_id = a.organization_id AND t.id IN (${taskIds})`;
  return Prisma.sql`(a.target_type NOT IN (${Prisma.join(WORK_TARGETS)}) OR (
    EXISTS (SELECT 1 FROM (${projectIds}) AS concerned(id) WHERE concerned.id IS NOT NULL)
    AND NOT EXISTS (
      SELECT 1 FROM (${projectIds}) AS concerned(id)
      WHERE concerned.id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM projects p
        WHERE p.organization_id = a.organization_id AND p.id = concerned.id
          AND ${visibleProjectSql(actor, { deleted: "any" })}))))`;
}

/** The readable entries matching the activity page's filters, as SQL over `audit_logs a` (also the export's). */
export function auditWhere(actor: MemberActor, input: TAuditFilter): Prisma.Sql[] {
  const where: Prisma.Sql[] = [
    Prisma.sql`a.organization_id = ${actor.organizationId}::uuid`,
    readableEntrySql(actor),
  ];
  if (input.targetType) where.push(Prisma.sql`a.target_type = ${input.targetType}`);
  if (input.targetId) where.push(Prisma.sql`a.target_id = ${input.targetId}::uuid`);
  if (input.actorUserId) where.push(Prisma.sql`a.actor_user_id = ${input.actorUserId}::uuid`);
  if (input.action) {
    // A trailing dot filters a family (`task.`); LIKE's own wildcards in the input are escaped.
    where.push(
      input.action.endsWith(".")
        ? Prisma.sql`a.action LIKE ${`${input.action.replace(/[\\%_]/g, "\\$&")}%`}`
        : Prisma.sql`a.action = ${input.action}`,
    );
  }
  if (input.from) where.push(Prisma.sql`a.created_at >= ${input.from.toISOString()}::timestamptz`);
  if (input.to) where.push(Prisma.sql`a.created_at < ${input.to.toISOString()}::timestamptz`);
  return where;
}

export async function listAudit(
  db: TenantDb,
  actor: MemberActor,
  input: { cursor?: string | null; limit: number } & TAuditFilter,
): Promise<{ items: TAuditEntryOutput[]; nextCursor: string | null }> {
  const where = auditWhere(actor, input);
  if (input.cursor) {
    const cursor = await db.auditLog.findUnique({
      where: { organizationId_id: { organizationId: actor.organizationId, id: input.cursor } },
      select: { id: true, createdAt: true },
    });
    if (!cursor) throw new InvalidError("Unknown page cursor");
    // Newest first on (created_at, id), served by the (organization_id, created_at DESC, id DESC) index.
    where.push(
      Prisma.sql`(a.created_at, a.id) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`,
    );
  }
  // The page's ids in one statement (the visibility rule needs joins Prisma cannot express), then the rows.
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT a.id FROM audit_logs a
    WHERE ${Prisma.join(where, " AND ")}
    ORDER BY a.created_at DESC, a.id DESC
    LIMIT ${input.limit + 1}`;
  const rows = await db.auditLog.findMany({
    where: { organizationId: actor.organizationId, id: { in: ids.map((r) => r.id) } },
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      metadata: true,
      actorKind: true,
      changes: true,
      ip: true,
      userAgent: true,
      requestId: true,
      createdAt: true,
      actor: { select: { id: true, name: true, email: true } },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = ids.flatMap((r) => byId.get(r.id) ?? []);
  return toPage(ordered, input.limit, (row) => ({
    ...row,
    metadata: isObject(row.metadata) ? row.metadata : {},
    changes: isChanges(row.changes) ? row.changes : {},
  }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isChanges(value: unknown): value is Record<string, { before: unknown; after: unknown }> {
  return isObject(value) && Object.values(value).every((v) => isObject(v));
}
