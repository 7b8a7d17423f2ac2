// Project domain logic, shared by the tRPC router, the REST surface and jobs. Every query names the organization
// explicitly even though RLS enforces it too (defence in depth, and it lets indexes lead with organization_id).
import { TRPCError } from "@trpc/server";

import type { TenantDb } from "@tenantry/db";
import type {
  TCreateProjectInput,
  TProjectOutput,
  TUpdateProjectInput,
} from "@tenantry/validators";
import { Prisma } from "@tenantry/db";
import { ZCreateProjectInput, ZUpdateProjectInput } from "@tenantry/validators";

import type { Actor } from "./actor.ts";
import { recordAudit } from "./audit.ts";

const projectSelect = {
  id: true,
  organizationId: true,
  name: true,
  description: true,
  createdById: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.ProjectSelect;

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "Project not found" });

function isRecordNotFound(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2025";
}

export async function listProjects(
  db: TenantDb,
  actor: Actor,
  input: { cursor?: string | null; limit: number },
): Promise<{ items: TProjectOutput[]; nextCursor: string | null }> {
  let after: Prisma.ProjectWhereInput = {};
  if (input.cursor) {
    const cursor = await db.project.findUnique({
      where: { organizationId_id: { organizationId: actor.organizationId, id: input.cursor } },
      select: { id: true, createdAt: true },
    });
    if (!cursor) throw new TRPCError({ code: "BAD_REQUEST", message: "Unknown page cursor" });
    // Keyset pagination on (created_at, id) descending, served by the (organization_id, created_at, id) index.
    after = {
      OR: [
        { createdAt: { lt: cursor.createdAt } },
        { createdAt: cursor.createdAt, id: { lt: cursor.id } },
      ],
    };
  }
  const rows = await db.project.findMany({
    where: { organizationId: actor.organizationId, ...after },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: projectSelect,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? last.id : null };
}

export async function getProject(db: TenantDb, actor: Actor, id: string): Promise<TProjectOutput> {
  const project = await db.project.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: projectSelect,
  });
  if (!project) throw notFound();
  return project;
}

export async function createProject(
  db: TenantDb,
  actor: Actor,
  raw: TCreateProjectInput,
): Promise<TProjectOutput> {
  const input = ZCreateProjectInput.parse(raw);
  const project = await db.project.create({
    data: {
      organizationId: actor.organizationId,
      createdById: actor.userId,
      name: input.name,
      description: input.description,
    },
    select: projectSelect,
  });
  await recordAudit(db, actor, {
    action: "project.create",
    targetType: "project",
    targetId: project.id,
    metadata: { name: project.name },
  });
  return project;
}

export async function updateProject(
  db: TenantDb,
  actor: Actor,
  raw: TUpdateProjectInput,
): Promise<TProjectOutput> {
  const input = ZUpdateProjectInput.parse(raw);
  const before = await getProject(db, actor, input.id);
  const project = await db.project.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.id } },
    data: { name: input.name, description: input.description },
    select: projectSelect,
  });
  const changes: Record<string, { from: string; to: string }> = {};
  for (const field of ["name", "description"] as const) {
    if (before[field] !== project[field])
      changes[field] = { from: before[field], to: project[field] };
  }
  await recordAudit(db, actor, {
    action: "project.update",
    targetType: "project",
    targetId: project.id,
    metadata: { changes },
  });
  return project;
}

export async function deleteProject(
  db: TenantDb,
  actor: Actor,
  id: string,
): Promise<{ id: string }> {
  const deleted = await db.project
    .delete({
      where: { organizationId_id: { organizationId: actor.organizationId, id } },
      select: { id: true, name: true },
    })
    .catch((error: unknown) => {
      throw isRecordNotFound(error) ? notFound() : error;
    });
  await recordAudit(db, actor, {
    action: "project.delete",
    targetType: "project",
    targetId: deleted.id,
    metadata: { name: deleted.name },
  });
  return { id };
}
