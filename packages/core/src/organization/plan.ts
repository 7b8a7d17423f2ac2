// Plan definitions and their enforcement. Limits are checked inside the creating transaction after locking the
// organization row, so two concurrent creations cannot both take the last free slot.
import type { Plan, TenantDb } from "@tenantry/db";
import type { TPlanUsageOutput } from "@tenantry/validators";

import type { Actor } from "../actor.ts";
import type { EffectiveLimits } from "./limits.ts";
import { NotFoundError, PreconditionFailedError } from "../errors.ts";
import { getUsageMeter } from "../usage/process-meter.ts";
import { durableMonthRequests } from "../usage/quota.ts";
import { effectiveLimits } from "./limits.ts";
import { planLimits, PLANS } from "./plans.ts";

export { PLANS, planLimits };

/**
 * Locks the organization's row until the end of the transaction and returns its plan. Every check-then-insert
 * against a per-organization limit (and the last-owner rule) takes this lock first, which serializes them per
 * organization without blocking other tenants.
 */
export async function lockOrganization(
  db: TenantDb,
  organizationId: string,
): Promise<{ plan: Plan; allowedEmailDomains: string[] }> {
  const rows = await db.$queryRaw<{ plan: Plan; allowed_email_domains: string[] | null }[]>`
    SELECT plan, allowed_email_domains FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new NotFoundError("Organization not found");
  return { plan: row.plan, allowedEmailDomains: row.allowed_email_domains ?? [] };
}

/** Members plus pending, unexpired invitations: an invitation reserves its seat until it expires or is revoked. */
export async function countSeats(
  db: TenantDb,
  organizationId: string,
): Promise<{ members: number; pendingInvitations: number }> {
  // Sequential on purpose: one transaction is one connection, which runs one statement at a time.
  const members = await db.membership.count({ where: { organizationId } });
  const pendingInvitations = await db.invitation.count({
    where: { organizationId, status: "PENDING", expiresAt: { gt: new Date() } },
  });
  return { members, pendingInvitations };
}

/**
 * Locks the organization (lockOrganization) and returns its effective limits: plan + overrides, read under the lock
 * so an admin's concurrent change cannot slip between the check and the insert.
 */
export async function lockOrganizationLimits(
  db: TenantDb,
  organizationId: string,
): Promise<EffectiveLimits & { allowedEmailDomains: string[] }> {
  const locked = await lockOrganization(db, organizationId);
  const limits = await effectiveLimits(db, organizationId, { plan: locked.plan });
  return { ...limits, allowedEmailDomains: locked.allowedEmailDomains };
}

/** Who sets the limit, for refusals: the plan's name, or the organization's own limit when an admin overrode it. */
export function limitOwner(limits: EffectiveLimits, key: EffectiveLimits["overridden"][number]) {
  return limits.overridden.includes(key) ? "This organization's limit" : `The ${limits.plan} plan`;
}

/** The refusal of a creation past a limit; `freeUp` says what to do instead (e.g. "revoke one"). */
export function limitError(
  limits: EffectiveLimits,
  key: EffectiveLimits["overridden"][number],
  noun: string,
  freeUp = "free one up",
): PreconditionFailedError {
  return new PreconditionFailedError(
    `${limitOwner(limits, key)} allows ${String(limits.limits[key])} ${noun}; upgrade the plan or ${freeUp} first`,
  );
}

/** Locks the organization and refuses when one more member (or invitation) would exceed its limit. */
export async function assertCanAddMember(
  db: TenantDb,
  organizationId: string,
): Promise<{ plan: Plan; allowedEmailDomains: string[] }> {
  const locked = await lockOrganizationLimits(db, organizationId);
  const max = locked.limits.maxMembers;
  if (max === null) return locked;
  const seats = await countSeats(db, organizationId);
  if (seats.members + seats.pendingInvitations >= max) {
    throw limitError(locked, "maxMembers", "members (including pending invitations)");
  }
  return locked;
}

/** Locks the organization and refuses when one more project would exceed its limit. */
export async function assertCanAddProject(db: TenantDb, organizationId: string): Promise<void> {
  const locked = await lockOrganizationLimits(db, organizationId);
  const max = locked.limits.maxProjects;
  if (max === null) return;
  // Soft-deleted projects do not count; restoring one must call this check again.
  const projects = await db.project.count({ where: { organizationId, deletedAt: null } });
  if (projects >= max) throw limitError(locked, "maxProjects", "projects");
}

/**
 * `apiRequestsThisMonth`, when given, is the count the caller read before opening the transaction; without it the
 * month's durable count is read here, in this transaction, plus this process's unwritten requests.
 */
export async function getPlanUsage(
  db: TenantDb,
  actor: Actor,
  known: { apiRequestsThisMonth?: number | null } = {},
): Promise<TPlanUsageOutput> {
  const org = await effectiveLimits(db, actor.organizationId);
  const seats = await countSeats(db, actor.organizationId);
  const projects = await db.project.count({
    where: { organizationId: actor.organizationId, deletedAt: null },
  });
  const now = new Date();
  const apiKeys = await db.apiKey.count({
    where: {
      organizationId: actor.organizationId,
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
  });
  const webhookEndpoints = await db.webhookEndpoint.count({
    where: { organizationId: actor.organizationId },
  });
  const apiRequestsThisMonth =
    known.apiRequestsThisMonth !== undefined
      ? known.apiRequestsThisMonth
      : (await durableMonthRequests(db, actor.organizationId, new Date())) +
        getUsageMeter().pendingProgrammatic(actor.organizationId);
  return {
    plan: org.plan,
    limits: org.limits,
    overridden: org.overridden,
    usage: { ...seats, projects, apiKeys, webhookEndpoints, apiRequestsThisMonth },
  };
}
