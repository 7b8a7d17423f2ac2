// The permission registry and the built-in roles' grants. Every org-scoped procedure names one of these.
import type { TMembershipRole } from "@tenantry/validators";

export const PERMISSIONS = [
  "organization.read",
  "project.read",
  "project.create",
  "project.update",
  "project.delete",
  "audit.read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ["organization.read", "project.read"];
const WRITE: Permission[] = [...READ, "project.create", "project.update", "project.delete"];

export const ROLE_PERMISSIONS: Record<TMembershipRole, ReadonlySet<Permission>> = {
  OWNER: new Set(PERMISSIONS),
  ADMIN: new Set([...WRITE, "audit.read"]),
  MEMBER: new Set(WRITE),
  VIEWER: new Set(READ),
};

export function roleHasPermission(role: TMembershipRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
