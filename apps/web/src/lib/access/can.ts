// Decides whether the member may take an action and, if not, why: the one rule behind useCan (client) and
// canOn (server components). The API enforces the same three gates; this only spares members a form that fails.
import type { RouterOutputs } from "@tenantry/api";
import type { TPermission } from "@tenantry/validators";

type CurrentOrganization = RouterOutputs["organization"]["current"];
type PlanUsage = RouterOutputs["plan"]["usage"];

/** What the gate needs to know about the member and their organization (organization.current has it all). */
export type OrganizationAccess = Pick<
  CurrentOrganization,
  "permissions" | "status" | "licenseLapsed" | "role" | "customRole"
>;

/**
 * Plan limits an action consumes: a project, a member seat (invitations hold a seat while pending), an API key or
 * a webhook endpoint.
 */
export type PlanLimit = "projects" | "members" | "apiKeys" | "webhookEndpoints";

export type CanReason =
  | { kind: "permission"; permission: TPermission; message: string }
  | { kind: "read-only"; message: string }
  | { kind: "plan-limit"; limit: PlanLimit; message: string };

export type CanResult = { allowed: true; reason: null } | { allowed: false; reason: CanReason };

export interface CanOptions {
  /** The plan limit this action would consume; checked only when `usage` is known. */
  limit?: PlanLimit;
  usage?: PlanUsage | null;
  /**
   * Archive/unarchive/delete/restore: allowed in a read-only organization (the API exempts them too), because
   * an owner needs them to bring the organization back.
   */
  lifecycle?: boolean;
}

const ALLOWED: CanResult = { allowed: true, reason: null };

export const roleNameOf = (access: Pick<OrganizationAccess, "role" | "customRole">) =>
  access.customRole?.name ?? access.role;

/** Reads never change data, so a read-only organization still allows them (as the API does for queries). */
const isRead = (permission: TPermission) => permission.endsWith(".read");

/** Why the organization refuses every change right now, or null while it accepts changes. */
export function readOnlyReason(
  access: Pick<OrganizationAccess, "status" | "licenseLapsed">,
): string | null {
  if (access.status === "ARCHIVED") return "This organization is archived and read-only.";
  if (access.status === "SUSPENDED") return "This organization is suspended and read-only.";
  if (access.status === "DELETED") return "This organization is deleted.";
  if (access.licenseLapsed) return "This organization's license has expired: it is read-only.";
  return null;
}

const LIMITS = {
  projects: { key: "maxProjects", noun: "projects", freeUp: "delete one" },
  members: {
    key: "maxMembers",
    noun: "members (pending invitations included)",
    freeUp: "revoke an invitation",
  },
  apiKeys: { key: "maxApiKeys", noun: "active API keys", freeUp: "revoke one" },
  webhookEndpoints: { key: "maxWebhookEndpoints", noun: "webhook endpoints", freeUp: "delete one" },
} as const;

function limitReason(limit: PlanLimit, usage: PlanUsage): string | null {
  const rule = LIMITS[limit];
  const max = usage.limits[rule.key];
  const used =
    limit === "members" ? usage.usage.members + usage.usage.pendingInvitations : usage.usage[limit];
  if (max === null || used < max) return null;
  // An admin's override is the organization's own limit, not the plan's.
  const owner = usage.overridden.includes(rule.key)
    ? "This organization's limit"
    : `The ${usage.plan} plan`;
  return `${owner} allows ${max} ${rule.noun}; ${rule.freeUp} or upgrade the plan.`;
}

export function can(
  access: OrganizationAccess,
  permission: TPermission,
  options: CanOptions = {},
): CanResult {
  if (!access.permissions.includes(permission)) {
    return {
      allowed: false,
      reason: {
        kind: "permission",
        permission,
        message: `Your role (${roleNameOf(access)}) does not include the “${permission}” permission.`,
      },
    };
  }
  const readOnly = isRead(permission) || options.lifecycle ? null : readOnlyReason(access);
  if (readOnly) return { allowed: false, reason: { kind: "read-only", message: readOnly } };
  if (options.limit && options.usage) {
    const message = limitReason(options.limit, options.usage);
    if (message) {
      return { allowed: false, reason: { kind: "plan-limit", limit: options.limit, message } };
    }
  }
  return ALLOWED;
}
