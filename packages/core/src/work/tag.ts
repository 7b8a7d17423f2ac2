// Organization-scoped, colored tags for tasks.
import type { TenantDb } from "@tenantry/db";
import { Prisma } from "@tenantry/db";

import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { ConflictError, NotFoundError } from "../errors.ts";

const tagSelect = { id: true, name: true, color: true } satisfies Prisma.TagSelect;

const duplicate = (name: string) => new ConflictError(`A tag named "${name}" already exists`);
const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export async function listTags(db: TenantDb, actor: Actor) {
  return db.tag.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: { name: "asc" },
    take: 500,
    select: tagSelect,
  });
}

export async function createTag(
  db: TenantDb,
  actor: Actor,
  input: { name: string; color: string },
) {
  const tag = await db.tag
    .create({
      data: { organizationId: actor.organizationId, name: input.name, color: input.color },
      select: tagSelect,
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicate(input.name) : error;
    });
  await recordAudit(db, actor, {
    action: "tag.create",
    targetType: "tag",
    targetId: tag.id,
    metadata: tag,
  });
  return tag;
}

export async function updateTag(
  db: TenantDb,
  actor: Actor,
  input: { id: string; name?: string; color?: string },
) {
  const { count } = await db.tag
    .updateMany({
      where: { organizationId: actor.organizationId, id: input.id },
      data: { name: input.name, color: input.color },
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) && input.name ? duplicate(input.name) : error;
    });
  if (count === 0) throw new NotFoundError("Tag not found");
  const tag = await db.tag.findUniqueOrThrow({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.id } },
    select: tagSelect,
  });
  await recordAudit(db, actor, {
    action: "tag.update",
    targetType: "tag",
    targetId: tag.id,
    metadata: tag,
  });
  return tag;
}

export async function deleteTag(db: TenantDb, actor: Actor, id: string) {
  const { count } = await db.tag.deleteMany({
    where: { organizationId: actor.organizationId, id },
  });
  if (count === 0) throw new NotFoundError("Tag not found");
  await recordAudit(db, actor, { action: "tag.delete", targetType: "tag", targetId: id });
  return { id };
}
