// The audit trail: entries are written through the caller's tenant transaction, so they commit or roll back
// together with the change they describe.
import { TRPCError } from "@trpc/server";

import type { Prisma, TenantDb } from "@tenantry/db";
import type { TAuditEntryOutput } from "@tenantry/validators";

import type { Actor } from "./actor.ts";
import { olderThan, toPage } from "./page.ts";

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId?: string | null;
  metadata?: Prisma.InputJsonObject;
}

export async function recordAudit(db: TenantDb, actor: Actor, event: AuditEvent): Promise<void> {
  await db.auditLog.create({
    data: {
      organizationId: actor.organizationId,
      actorUserId: actor.userId,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      metadata: event.metadata ?? {},
    },
    select: { id: true },
  });
}

export async function listAudit(
  db: TenantDb,
  actor: Actor,
  input: { cursor?: string | null; limit: number; targetType?: string; targetId?: string },
): Promise<{ items: TAuditEntryOutput[]; nextCursor: string | null }> {
  const where: Prisma.AuditLogWhereInput = {
    organizationId: actor.organizationId,
    ...(input.targetType ? { targetType: input.targetType } : {}),
    ...(input.targetId ? { targetId: input.targetId } : {}),
  };
  if (input.cursor) {
    const cursor = await db.auditLog.findUnique({
      where: { organizationId_id: { organizationId: actor.organizationId, id: input.cursor } },
      select: { id: true, createdAt: true },
    });
    if (!cursor) throw new TRPCError({ code: "BAD_REQUEST", message: "Unknown page cursor" });
    where.AND = [olderThan(cursor)];
  }
  const rows = await db.auditLog.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: {
      id: true,
      action: true,
      targetType: true,
      targetId: true,
      metadata: true,
      createdAt: true,
      actor: { select: { id: true, name: true, email: true } },
    },
  });
  return toPage(rows, input.limit, (row) => ({
    ...row,
    metadata: isObject(row.metadata) ? row.metadata : {},
  }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
