// The permission registry and the built-in roles' grants. Every org-scoped procedure names one of these, and custom
// roles are built only from this list. Add a permission here (with its label) before using it in a procedure.
import { z } from "zod";

/** The built-in roles, from most to least privileged (see ROLE_ORDER). */
export const ZMembershipRole = z.enum(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);
export type TMembershipRole = z.infer<typeof ZMembershipRole>;

/** `resource.action` → a label for the roles editor's permission matrix. */
export const PERMISSION_LABELS = {
  "organization.read": "View the organization",
  "organization.update": "Change name, slug and settings",
  "organization.delete": "Archive, delete and restore the organization",
  "organization.transfer": "Propose transferring ownership (owners only)",
  "member.read": "View members",
  "member.invite": "Invite members and manage invitations",
  "member.update": "Change members' roles",
  "member.remove": "Remove members",
  "role.manage": "Create, edit and delete custom roles",
  "team.read": "View teams",
  "team.manage": "Create, rename and delete teams and their members",
  "project.read": "View projects",
  "project.create": "Create projects",
  "project.update": "Edit projects",
  "project.delete": "Delete projects",
  "project.manage_all": "See and manage every project, including members-only ones",
  "task.read": "View tasks, comments and attachments",
  "task.create": "Create tasks",
  "task.update": "Edit, assign, tag and move tasks",
  "task.delete": "Delete tasks",
  "comment.create": "Comment on tasks and upload attachments",
  "comment.moderate": "Edit or delete anyone's comments and attachments",
  "tag.manage": "Create, edit and delete tags",
  "billing.manage": "Manage the plan and billing",
  "license.manage": "Manage licenses and seats",
  "audit.read": "Read the audit log",
  "audit.export": "Export the audit log (CSV, JSON lines)",
  "audit.verify": "Verify the audit log's hash chain",
  "apikey.manage": "Manage API keys",
  "webhook.manage": "Manage webhooks",
  "usage.read": "View API usage, billable counters and quotas",
  "agent.manage": "Create, edit and deactivate agents; manage the knowledge base",
  "agent.audit": "Read every member's assistant conversations (each read is audited)",
} as const satisfies Record<string, string>;

export type Permission = keyof typeof PERMISSION_LABELS;

export const PERMISSIONS = Object.keys(PERMISSION_LABELS) as [Permission, ...Permission[]];

/** A permission key of the registry; unknown keys are a validation error wherever a client names permissions. */
export const ZPermission = z.enum(PERMISSIONS, {
  error: (issue) => `Unknown permission "${String(issue.input)}"`,
});
export type TPermission = z.infer<typeof ZPermission>;

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSION_LABELS, value);
}

const VIEWER: Permission[] = [
  "organization.read",
  "member.read",
  "team.read",
  "project.read",
  "task.read",
];
const MEMBER: Permission[] = [
  ...VIEWER,
  "project.create",
  "project.update",
  "project.delete",
  "task.create",
  "task.update",
  "task.delete",
  "comment.create",
  "tag.manage",
];
const ADMIN: Permission[] = [
  ...MEMBER,
  "organization.update",
  "member.invite",
  "member.update",
  "member.remove",
  "role.manage",
  "team.manage",
  "project.manage_all",
  "comment.moderate",
  "audit.read",
  "audit.export",
  "audit.verify",
  "apikey.manage",
  "webhook.manage",
  "usage.read",
  "agent.manage",
  "agent.audit",
];

export const ROLE_PERMISSIONS: Record<TMembershipRole, ReadonlySet<Permission>> = {
  OWNER: new Set(PERMISSIONS),
  ADMIN: new Set(ADMIN),
  MEMBER: new Set(MEMBER),
  VIEWER: new Set(VIEWER),
};

/** Built-in roles from most to least privileged. */
export const ROLE_ORDER: readonly TMembershipRole[] = ["OWNER", "ADMIN", "MEMBER", "VIEWER"];

export function roleHasPermission(role: TMembershipRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/**
 * The effective permissions of a membership: a custom role's permissions replace the built-in role's. Unknown keys
 * stored in a custom role (a permission since retired) grant nothing.
 */
export function effectivePermissions(
  role: TMembershipRole,
  customRolePermissions: readonly string[] | null,
): ReadonlySet<Permission> {
  if (customRolePermissions === null) return ROLE_PERMISSIONS[role];
  return new Set(customRolePermissions.filter(isPermission));
}

/** The permissions in `wanted` that `held` lacks (empty when `held` covers `wanted`). */
export function missingPermissions(
  held: ReadonlySet<Permission>,
  wanted: Iterable<Permission>,
): Permission[] {
  return [...wanted].filter((p) => !held.has(p));
}
