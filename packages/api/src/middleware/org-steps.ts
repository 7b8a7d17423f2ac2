// The steps of orgProcedure, each small enough to read and test alone: resolve the caller's membership, gate the
// organization's status and license, load the member's permissions, meter API clients. trpc.ts composes them.
import type { ActorMembership } from "@tenantry/core";
import type { QuotaOrganization } from "@tenantry/core/organization/api-quota";
import type { RateDecision, RateSubject } from "@tenantry/core/organization/api-rate-limit";
import type { Db, OrganizationStatus, Plan, TenantDb } from "@tenantry/db";
import type { TMembershipRole } from "@tenantry/validators";
import { ForbiddenError } from "@tenantry/core";
import { getApiQuota } from "@tenantry/core/organization/api-quota";
import { getApiRateLimiter, rateDecisionOf } from "@tenantry/core/organization/api-rate-limit";
import { licenseLapsed } from "@tenantry/core/organization/license";
import { Prisma } from "@tenantry/db";
import { effectivePermissions, isStorableText, ZId } from "@tenantry/validators";

import type { MeteredOrganization } from "./quota-organization.ts";

export interface OrgContext {
  id: string;
  slug: string;
  name: string;
  plan: Plan;
  status: OrganizationStatus;
}

export interface ResolvedMembership {
  id: string;
  role: TMembershipRole;
  customRoleId: string | null;
  organization: OrgContext;
}

export interface MembershipRequest {
  userId: string;
  /** The organization the caller names (id or slug); null means their default one. */
  requested: string | null;
  /** The session's active organization, the default when none is named. */
  activeOrganizationId: string | null;
}

interface MembershipRow {
  id: string;
  role: TMembershipRole;
  customRoleId: string | null;
  organizationId: string;
  slug: string;
  name: string;
  plan: Plan;
  status: OrganizationStatus;
}

/**
 * The caller's active membership in the requested organization, or FORBIDDEN. Runs in a transaction bound to the
 * user only: RLS lets them see only their own memberships here, so this cannot find another user's row.
 *
 * With `bindTenant` the same statement also sets the tenant (app.org_id, app.role) for the rest of the transaction,
 * saving setTenant's round trip. The settings sit in the outer query, over a subquery limited to one row, so they
 * are evaluated once, for the membership found, after the rows were read; no row found, nothing set.
 */
export async function resolveMembership(
  tx: TenantDb,
  request: MembershipRequest,
  options: { bindTenant?: boolean } = {},
): Promise<ResolvedMembership> {
  const { userId, requested, activeOrganizationId } = request;
  const byId = requested !== null && ZId.safeParse(requested).success;
  // A name PostgreSQL cannot even compare (a NUL byte, a lone surrogate: from a header or a /o/<slug> path) names
  // no organization; querying with it would fail the request with an internal error instead.
  const named = requested !== null && (byId || isStorableText(requested));
  let filter: Prisma.Sql;
  let order = Prisma.sql`m.created_at ASC`;
  if (requested !== null) {
    filter = byId
      ? Prisma.sql`m.organization_id = ${requested}::uuid`
      : Prisma.sql`o.slug = ${requested}`;
  } else {
    // The default organization (none named) is the session's active one, else the oldest membership; never a
    // deleted one: a deleted organization is reached by naming it.
    filter = Prisma.sql`o.status <> 'DELETED'`;
    if (activeOrganizationId !== null && ZId.safeParse(activeOrganizationId).success) {
      order = Prisma.sql`(m.organization_id = ${activeOrganizationId}::uuid) DESC, m.created_at ASC`;
    }
  }
  const bind = options.bindTenant
    ? Prisma.sql`, set_config('app.org_id', f.organization_id::text, true) AS bound_org,
                 set_config('app.role', f.role, true) AS bound_role`
    : Prisma.empty;
  const rows =
    requested !== null && !named
      ? []
      : await tx.$queryRaw<MembershipRow[]>`
          SELECT f.id, f.role, f.custom_role_id AS "customRoleId", f.organization_id AS "organizationId",
                 f.slug, f.name, f.plan, f.status ${bind}
          FROM (
            SELECT m.id::text AS id, m.role::text AS role, m.custom_role_id::text AS custom_role_id,
                   m.organization_id::text AS organization_id, o.slug, o.name, o.plan::text AS plan,
                   o.status::text AS status
            FROM memberships m JOIN organizations o ON o.id = m.organization_id
            WHERE m.user_id = ${userId}::uuid AND m.status = 'ACTIVE' AND ${filter}
            ORDER BY ${order}
            LIMIT 1
          ) f`;
  const membership = rows[0];
  if (!membership) {
    throw new ForbiddenError(
      requested === null
        ? "You are not a member of any organization"
        : "You are not a member of this organization",
    );
  }
  return {
    id: membership.id,
    role: membership.role,
    customRoleId: membership.customRoleId,
    organization: {
      id: membership.organizationId,
      slug: membership.slug,
      name: membership.name,
      plan: membership.plan,
      status: membership.status,
    },
  };
}

const STATUS_MESSAGES: Record<Exclude<OrganizationStatus, "ACTIVE">, string> = {
  SUSPENDED: "This organization is suspended and read-only",
  ARCHIVED: "This organization is archived and read-only; an owner can unarchive it",
  DELETED: "This organization has been deleted; an owner can restore it within 30 days",
};

export interface CallKind {
  type: "query" | "mutation" | "subscription";
  /** Lifecycle procedures (archive, restore, ...) run whatever the status; they check the transition themselves. */
  organizationLifecycle: boolean;
}

/** A non-active organization is read-only, and a deleted one closed, except to its lifecycle procedures. */
export function gateOrganizationStatus(org: OrgContext, call: CallKind): void {
  if (org.status === "ACTIVE" || call.organizationLifecycle) return;
  if (org.status === "DELETED" || call.type === "mutation") {
    throw new ForbiddenError(STATUS_MESSAGES[org.status]);
  }
}

/** An organization whose licenses have all lapsed is read-only until one is renewed. Needs the tenant set. */
export async function gateLicense(tx: TenantDb, org: OrgContext, call: CallKind): Promise<void> {
  if (call.type !== "mutation" || call.organizationLifecycle) return;
  if (await licenseLapsed(tx, org.id)) {
    throw new ForbiddenError(
      "This organization's license has expired; it is read-only until the license is renewed",
    );
  }
}

/**
 * The member's effective permissions. Custom roles are tenant rows, visible only once the tenant is set. A
 * membership pointing at a role we cannot load fails closed instead of falling back to the built-in role.
 */
export async function loadPermissions(
  tx: TenantDb,
  org: OrgContext,
  membership: ResolvedMembership,
): Promise<ActorMembership> {
  let customRole: ActorMembership["customRole"] = null;
  let customPermissions: string[] | null = null;
  if (membership.customRoleId) {
    const found = await tx.role.findUnique({
      where: { organizationId_id: { organizationId: org.id, id: membership.customRoleId } },
      select: { id: true, name: true, permissions: true },
    });
    if (!found) throw new ForbiddenError("Your role no longer exists");
    customRole = { id: found.id, name: found.name };
    customPermissions = found.permissions;
  }
  return {
    id: membership.id,
    role: membership.role,
    customRole,
    permissions: effectivePermissions(membership.role, customPermissions),
  };
}

/** Where a request's rate decisions are kept for the HTTP layer's RateLimit headers (one per call of a batch). */
export interface RateLimitRecord {
  decisions: RateDecision[];
}

/**
 * Programmatic clients (bearer tokens and API keys) count against their organization's per-minute rate — per API
 * key or user, and per client IP — and its monthly quota; the dashboard does not. Called before the tenant
 * transaction opens: a Redis round trip must not hold a pooled connection in a transaction.
 */
export async function consumeApiQuota(
  db: Db,
  metered: MeteredOrganization,
  subject: RateSubject,
  record: RateLimitRecord,
): Promise<void> {
  try {
    record.decisions.push(await getApiRateLimiter().consume(subject, metered.limits));
  } catch (error) {
    const refused = rateDecisionOf(error);
    if (refused) record.decisions.push(refused);
    throw error;
  }
  await getApiQuota().consume(quotaOrganizationOf(metered), new Date(), db);
}

/** The organization as the monthly quota counts it: its effective limits, and whether an override set the quota. */
export function quotaOrganizationOf(metered: MeteredOrganization): QuotaOrganization {
  return {
    ...metered.organization,
    limits: metered.limits.limits,
    quotaOverridden: metered.limits.overridden.includes("apiRequestsPerMonth"),
  };
}
