// Platform admins and plans: change an organization's plan, override any of its limits, and answer the owners'
// plan requests. Every change writes an entry into the organization's audit log (its owners see what the platform
// did) and the platform audit log, in the same transaction. `db` is the platformAdminProcedure transaction.
import type { Plan, TenantDb } from "@tenantry/db";
import type {
  TAdminClearLimitOverrideInput,
  TAdminDecidePlanRequestInput,
  TAdminOrganizationLimitsOutput,
  TAdminPlanRequestOutput,
  TAdminSetLimitOverrideInput,
  TAdminSetPlanInput,
} from "@tenantry/validators";

import type { PlatformAdmin } from "./organizations.ts";
import { recordAudit } from "../audit/audit.ts";
import { recordPlatformAudit } from "../audit/platform-audit.ts";
import { fieldError, NotFoundError, PreconditionFailedError } from "../errors.ts";
import { notify } from "../notifications/notify.ts";
import { effectiveLimits } from "../organization/limits.ts";
import { applyPlanChange, overridesOf } from "../organization/plan-change.ts";
import { planHoldings } from "../organization/plan-fit.ts";
import { lockOrganization } from "../organization/plan.ts";
import { asActor, enterOrganization } from "./organizations.ts";

async function auditBoth(
  db: TenantDb,
  admin: PlatformAdmin,
  organizationId: string,
  action: string,
  metadata: Record<string, string | number | boolean | null>,
): Promise<void> {
  await recordAudit(
    db,
    { userId: admin.userId, organizationId },
    {
      action,
      targetType: "organization",
      targetId: organizationId,
      metadata: { ...metadata, platformAdmin: true },
    },
  );
  await recordPlatformAudit(db, asActor(admin), {
    action,
    targetType: "organization",
    targetId: organizationId,
    organizationId,
    metadata,
  });
}

export async function getOrganizationLimits(
  db: TenantDb,
  id: string,
): Promise<TAdminOrganizationLimitsOutput> {
  await enterOrganization(db, id);
  const { plan, limits } = await effectiveLimits(db, id);
  return {
    plan,
    limits,
    overrides: await overridesOf(db, id),
    holdings: await planHoldings(db, id),
  };
}

/**
 * Sets the plan whatever the organization holds: what already exceeds the new limits stays, and creations are
 * refused until it is back under them (an admin's change is deliberate; the owners' own moves are fit-checked).
 */
export async function setOrganizationPlan(
  db: TenantDb,
  admin: PlatformAdmin,
  input: TAdminSetPlanInput,
): Promise<TAdminOrganizationLimitsOutput> {
  await enterOrganization(db, input.id);
  const change = await applyPlanChange(db, input.id, input.plan, { checkFit: false });
  if (change.from === change.to) {
    throw new PreconditionFailedError(`This organization is already on the ${input.plan} plan`);
  }
  await auditBoth(db, admin, input.id, "organization.plan_change", {
    from: change.from,
    to: change.to,
    reason: input.reason,
  });
  return getOrganizationLimits(db, input.id);
}

export async function setLimitOverride(
  db: TenantDb,
  admin: PlatformAdmin,
  input: TAdminSetLimitOverrideInput,
): Promise<TAdminOrganizationLimitsOutput> {
  if (input.limit === "rateLimitPerMinute" && (input.value === null || input.value < 1)) {
    throw fieldError("value", "The per-minute rate needs a number of at least 1");
  }
  await enterOrganization(db, input.id);
  await lockOrganization(db, input.id);
  const before = await effectiveLimits(db, input.id);
  await db.organizationLimitOverride.upsert({
    where: { organizationId_limit: { organizationId: input.id, limit: input.limit } },
    create: {
      organizationId: input.id,
      limit: input.limit,
      value: input.value,
      reason: input.reason,
      setById: admin.userId,
    },
    update: { value: input.value, reason: input.reason, setById: admin.userId },
  });
  await auditBoth(db, admin, input.id, "organization.limit_override", {
    limit: input.limit,
    from: before.limits[input.limit],
    to: input.value,
    reason: input.reason,
  });
  return getOrganizationLimits(db, input.id);
}

export async function clearLimitOverride(
  db: TenantDb,
  admin: PlatformAdmin,
  input: TAdminClearLimitOverrideInput,
): Promise<TAdminOrganizationLimitsOutput> {
  await enterOrganization(db, input.id);
  await lockOrganization(db, input.id);
  const { count } = await db.organizationLimitOverride.deleteMany({
    where: { organizationId: input.id, limit: input.limit },
  });
  if (count === 0) throw new NotFoundError("This limit has no override");
  await auditBoth(db, admin, input.id, "organization.limit_override_clear", {
    limit: input.limit,
    reason: input.reason,
  });
  return getOrganizationLimits(db, input.id);
}

/** The queue of requests waiting for an answer, oldest first (at most 200; see the migration's function). */
export async function listPendingPlanRequests(db: TenantDb): Promise<TAdminPlanRequestOutput[]> {
  const rows = await db.$queryRaw<
    {
      id: string;
      organization_id: string;
      organization_name: string;
      organization_slug: string;
      from_plan: Plan;
      to_plan: Plan;
      message: string;
      requested_by_email: string | null;
      created_at: Date;
    }[]
  >`SELECT * FROM platform_admin_pending_plan_requests()`;
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    organizationSlug: r.organization_slug,
    fromPlan: r.from_plan,
    toPlan: r.to_plan,
    message: r.message,
    requestedByEmail: r.requested_by_email,
    createdAt: r.created_at,
  }));
}

/**
 * Approving moves the organization to the requested plan (fit-checked, like the owners' own move: approving a
 * downgrade must not leave it over its limits); either answer notifies the requester.
 */
export async function decidePlanRequest(
  db: TenantDb,
  admin: PlatformAdmin,
  input: TAdminDecidePlanRequestInput,
): Promise<TAdminOrganizationLimitsOutput> {
  const org = await enterOrganization(db, input.organizationId);
  await lockOrganization(db, input.organizationId);
  const where = {
    organizationId_id: { organizationId: input.organizationId, id: input.requestId },
  };
  const request = await db.planRequest.findUnique({
    where,
    select: { status: true, toPlan: true, requestedById: true },
  });
  if (!request) throw new NotFoundError("Plan request not found");
  if (request.status !== "PENDING") {
    throw new PreconditionFailedError("This plan request has already been answered");
  }
  if (input.decision === "APPROVED") {
    await applyPlanChange(db, input.organizationId, request.toPlan, { checkFit: true });
  }
  await db.planRequest.update({
    where,
    data: {
      status: input.decision,
      decidedById: admin.userId,
      decidedAt: new Date(),
      decisionNote: input.note,
    },
  });
  await auditBoth(
    db,
    admin,
    input.organizationId,
    input.decision === "APPROVED"
      ? "organization.plan_request_approve"
      : "organization.plan_request_decline",
    { requestId: input.requestId, to: request.toPlan, note: input.note },
  );
  if (request.requestedById) {
    await notify(db, {
      organizationId: input.organizationId,
      kind: "PLAN_REQUEST",
      userIds: [request.requestedById],
      actorUserId: admin.userId,
      data: {
        organizationName: org.name,
        plan: request.toPlan,
        decision: input.decision,
        ...(input.note ? { reason: input.note } : {}),
      },
    });
  }
  return getOrganizationLimits(db, input.organizationId);
}
