// Custom roles and the anti-escalation rules shared by role changes, invitations and the roles editor: nobody grants
// a role or a permission they do not hold themselves.
import type { MembershipRole, TenantDb } from "@tenantry/db";
import type {
  Permission,
  TCreateRoleInput,
  TRoleAssignment,
  TRoleOutput,
  TUpdateRoleInput,
} from "@tenantry/validators";
import { Prisma } from "@tenantry/db";
import {
  effectivePermissions,
  isPermission,
  missingPermissions,
  PERMISSION_LABELS,
  PERMISSIONS,
  ROLE_ORDER,
  ROLE_PERMISSIONS,
} from "@tenantry/validators";

import type { Actor, MemberActor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  PreconditionFailedError,
} from "../errors.ts";

/** A role as stored on a membership or invitation, with the permissions it confers. */
export interface ResolvedRole {
  role: MembershipRole;
  customRole: { id: string; name: string } | null;
  permissions: ReadonlySet<Permission>;
}

export const roleLabel = (r: Pick<ResolvedRole, "role" | "customRole">): string =>
  r.customRole?.name ?? r.role;

/** Members with a custom role are stored with this built-in role (never OWNER; a CHECK constraint agrees). */
const CUSTOM_ROLE_BASE: MembershipRole = "MEMBER";

const roleNotFound = () => new NotFoundError("Role not found");

/** Turns a requested assignment into the stored role, loading the custom role from this organization only. */
export async function resolveAssignment(
  db: TenantDb,
  organizationId: string,
  assignment: TRoleAssignment,
): Promise<ResolvedRole> {
  if (assignment.customRoleId === undefined) {
    const role = assignment.role ?? "MEMBER";
    return { role, customRole: null, permissions: ROLE_PERMISSIONS[role] };
  }
  const custom = await db.role.findUnique({
    where: { organizationId_id: { organizationId, id: assignment.customRoleId } },
    select: { id: true, name: true, permissions: true },
  });
  if (!custom) throw roleNotFound();
  return {
    role: CUSTOM_ROLE_BASE,
    customRole: { id: custom.id, name: custom.name },
    permissions: effectivePermissions(CUSTOM_ROLE_BASE, custom.permissions),
  };
}

/** The role a stored membership/invitation row confers. */
export function resolvedFromRow(row: {
  role: MembershipRole;
  customRole: { id: string; name: string; permissions: string[] } | null;
}): ResolvedRole {
  return {
    role: row.role,
    customRole: row.customRole ? { id: row.customRole.id, name: row.customRole.name } : null,
    permissions: effectivePermissions(row.role, row.customRole?.permissions ?? null),
  };
}

const isBuiltInOwner = (r: { role: MembershipRole; customRole: unknown }) =>
  r.role === "OWNER" && r.customRole === null;

/**
 * Refuses to let `actor` grant `target` (or act on someone who holds `target`): ownership only comes from an owner,
 * and every permission of the target role must be one the actor holds.
 */
export function assertCanGrant(actor: MemberActor, target: ResolvedRole, verb = "grant"): void {
  if (isBuiltInOwner(target) && !isBuiltInOwner(actor.membership)) {
    throw new ForbiddenError(`Only an owner can ${verb} the OWNER role`);
  }
  const missing = missingPermissions(actor.membership.permissions, target.permissions);
  if (missing.length > 0) {
    throw new ForbiddenError(
      `You cannot ${verb} a role with permissions you do not hold: ${missing.join(", ")}`,
    );
  }
}

function parsePermissions(keys: readonly string[]): Permission[] {
  const unknown = keys.filter((k) => !isPermission(k));
  if (unknown.length > 0) {
    throw new InvalidError(`Unknown permission: ${unknown.join(", ")}`);
  }
  // Registry order, without duplicates, so the stored array is canonical.
  return PERMISSIONS.filter((p) => keys.includes(p));
}

function assertCanHandOut(actor: MemberActor, permissions: readonly Permission[]): void {
  const missing = missingPermissions(actor.membership.permissions, permissions);
  if (missing.length > 0) {
    throw new ForbiddenError(`You cannot grant permissions you do not hold: ${missing.join(", ")}`);
  }
}

const roleSelect = {
  id: true,
  name: true,
  description: true,
  permissions: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { memberships: true } },
} satisfies Prisma.RoleSelect;

function toOutput(row: Prisma.RoleGetPayload<{ select: typeof roleSelect }>): TRoleOutput {
  const { _count, ...rest } = row;
  return {
    ...rest,
    permissions: rest.permissions.filter(isPermission),
    memberCount: _count.memberships,
  };
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

const nameTaken = () => new ConflictError("A role with this name already exists");

export async function getRoleCatalog(db: TenantDb, actor: Actor) {
  const custom = await db.role.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: { name: "asc" },
    take: 200,
    select: roleSelect,
  });
  return {
    permissions: PERMISSIONS.map((key) => ({ key, label: PERMISSION_LABELS[key] })),
    builtIn: ROLE_ORDER.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
    custom: custom.map(toOutput),
  };
}

async function findRole(db: TenantDb, actor: Actor, id: string) {
  const role = await db.role.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: roleSelect,
  });
  if (!role) throw roleNotFound();
  return role;
}

export async function createRole(
  db: TenantDb,
  actor: MemberActor,
  input: TCreateRoleInput,
): Promise<TRoleOutput> {
  const permissions = parsePermissions(input.permissions);
  assertCanHandOut(actor, permissions);
  const role = await db.role
    .create({
      data: {
        organizationId: actor.organizationId,
        name: input.name,
        description: input.description,
        permissions,
      },
      select: roleSelect,
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? nameTaken() : error;
    });
  await recordAudit(db, actor, {
    action: "role.create",
    targetType: "role",
    targetId: role.id,
    metadata: { name: role.name, permissions },
  });
  return toOutput(role);
}

export async function updateRole(
  db: TenantDb,
  actor: MemberActor,
  input: TUpdateRoleInput,
): Promise<TRoleOutput> {
  const before = await findRole(db, actor, input.id);
  // Editing a role is granting it anew to everyone who holds it: the editor must hold what it has and what it gets.
  assertCanHandOut(actor, before.permissions.filter(isPermission));
  const permissions = input.permissions ? parsePermissions(input.permissions) : undefined;
  if (permissions) assertCanHandOut(actor, permissions);
  const role = await db.role
    .update({
      where: { organizationId_id: { organizationId: actor.organizationId, id: input.id } },
      data: { name: input.name, description: input.description, permissions },
      select: roleSelect,
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? nameTaken() : error;
    });
  await recordAudit(db, actor, {
    action: "role.update",
    targetType: "role",
    targetId: role.id,
    metadata: {
      name: role.name,
      ...(permissions ? { permissions: { from: before.permissions, to: permissions } } : {}),
    },
  });
  return toOutput(role);
}

export async function deleteRole(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<{ id: string }> {
  const role = await findRole(db, actor, id);
  assertCanHandOut(actor, role.permissions.filter(isPermission));
  const members = await db.membership.count({
    where: { organizationId: actor.organizationId, customRoleId: id },
  });
  const invitations = await db.invitation.count({
    where: { organizationId: actor.organizationId, customRoleId: id, status: "PENDING" },
  });
  if (members + invitations > 0) {
    throw new PreconditionFailedError(
      `This role is held by ${members} member(s) and ${invitations} pending invitation(s); reassign them first`,
    );
  }
  await db.role.delete({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: { id: true },
  });
  await recordAudit(db, actor, {
    action: "role.delete",
    targetType: "role",
    targetId: id,
    metadata: { name: role.name },
  });
  return { id };
}
