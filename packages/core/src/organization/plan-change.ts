// Owners moving their organization between plans: the comparison they choose from, a self-service move when the
// organization fits the target plan (a downgrade that would break a limit is refused, naming what to remove), and an
// upgrade request for platform admins where self-service upgrades are off (PLAN_SELF_SERVICE_UPGRADES).
import type { Plan, TenantDb } from "@tenantry/db";
import type {
  TChangePlanInput,
  TLimitOverrideOutput,
  TPlanOptionsOutput,
  TPlanRequestOutput,
  TRequestPlanInput,
} from "@tenantry/validators";
import { ZPlan } from "@tenantry/validators";

import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { env } from "../env.ts";
import { ConflictError, NotFoundError, PreconditionFailedError } from "../errors.ts";
import { applyOverrides, loadOverrides } from "./limits.ts";
import { assertFits, planExcess, planHoldings } from "./plan-fit.ts";
import { lockOrganization } from "./plan.ts";

const PLAN_ORDER = ZPlan.options;

/** Whether `to` is above `from` in the plans' order (FREE < PRO < ENTERPRISE). */
export const isUpgrade = (from: Plan, to: Plan) =>
  PLAN_ORDER.indexOf(to) > PLAN_ORDER.indexOf(from);

export const selfServiceUpgrades = (): boolean => env.PLAN_SELF_SERVICE_UPGRADES;

const requestSelect = {
  id: true,
  fromPlan: true,
  toPlan: true,
  status: true,
  message: true,
  decisionNote: true,
  createdAt: true,
  decidedAt: true,
} as const;

export async function overridesOf(
  db: TenantDb,
  organizationId: string,
): Promise<TLimitOverrideOutput[]> {
  const rows = await db.organizationLimitOverride.findMany({
    where: { organizationId },
    orderBy: { limit: "asc" },
    select: { limit: true, value: true, reason: true, updatedAt: true },
  });
  return rows as TLimitOverrideOutput[];
}

async function pendingRequest(
  db: TenantDb,
  organizationId: string,
): Promise<TPlanRequestOutput | null> {
  return db.planRequest.findFirst({
    where: { organizationId, status: "PENDING" },
    select: requestSelect,
  });
}

/** Every plan with this organization's overrides applied, and what would have to go before moving there. */
export async function getPlanOptions(db: TenantDb, actor: Actor): Promise<TPlanOptionsOutput> {
  const org = await db.organization.findUnique({
    where: { id: actor.organizationId },
    select: { plan: true },
  });
  if (!org) throw new NotFoundError("Organization not found");
  const overrides = await loadOverrides(db, actor.organizationId);
  const holdings = await planHoldings(db, actor.organizationId);
  return {
    current: org.plan,
    holdings,
    selfServiceUpgrades: selfServiceUpgrades(),
    overrides: await overridesOf(db, actor.organizationId),
    plans: PLAN_ORDER.map((plan) => {
      const { limits } = applyOverrides(plan, overrides);
      return {
        plan,
        limits,
        direction:
          plan === org.plan ? "current" : isUpgrade(org.plan, plan) ? "upgrade" : "downgrade",
        excess: planExcess(limits, holdings),
      };
    }),
    pendingRequest: await pendingRequest(db, actor.organizationId),
  };
}

/**
 * Moves the organization to `plan` under its row lock, so no creation can slip in between the fit check and the
 * change. Upgrades need PLAN_SELF_SERVICE_UPGRADES (else: requestPlanChange). Shared with the admins' approval.
 */
export async function applyPlanChange(
  db: TenantDb,
  organizationId: string,
  plan: Plan,
  opts: { checkFit: boolean },
): Promise<{ from: Plan; to: Plan }> {
  const { plan: from } = await lockOrganization(db, organizationId);
  if (opts.checkFit) {
    const { limits } = applyOverrides(plan, await loadOverrides(db, organizationId));
    assertFits(plan, limits, await planHoldings(db, organizationId));
  }
  await db.organization.update({ where: { id: organizationId }, data: { plan } });
  return { from, to: plan };
}

export async function changePlan(
  db: TenantDb,
  actor: Actor,
  input: TChangePlanInput,
): Promise<TPlanOptionsOutput> {
  const { plan: current } = await lockOrganization(db, actor.organizationId);
  if (current === input.plan) {
    throw new PreconditionFailedError(`This organization is already on the ${input.plan} plan`);
  }
  if (isUpgrade(current, input.plan) && !selfServiceUpgrades()) {
    throw new PreconditionFailedError(
      `Upgrades are approved by the platform's administrators: request the ${input.plan} plan instead`,
    );
  }
  const change = await applyPlanChange(db, actor.organizationId, input.plan, { checkFit: true });
  // An open request is moot once the owner moved themselves.
  await db.planRequest.updateMany({
    where: { organizationId: actor.organizationId, status: "PENDING" },
    data: { status: "CANCELLED", decidedAt: new Date() },
  });
  await recordAudit(db, actor, {
    action: "organization.plan_change",
    targetType: "organization",
    targetId: actor.organizationId,
    metadata: { from: change.from, to: change.to, selfService: true },
  });
  return getPlanOptions(db, actor);
}

export async function requestPlanChange(
  db: TenantDb,
  actor: Actor,
  input: TRequestPlanInput,
): Promise<TPlanRequestOutput> {
  const { plan: current } = await lockOrganization(db, actor.organizationId);
  if (current === input.plan) {
    throw new PreconditionFailedError(`This organization is already on the ${input.plan} plan`);
  }
  if (await pendingRequest(db, actor.organizationId)) {
    throw new ConflictError(
      "A plan request is already waiting for an answer; cancel it to ask for another plan",
    );
  }
  const created = await db.planRequest.create({
    data: {
      organizationId: actor.organizationId,
      requestedById: actor.userId,
      fromPlan: current,
      toPlan: input.plan,
      message: input.message,
    },
    select: requestSelect,
  });
  await recordAudit(db, actor, {
    action: "organization.plan_request",
    targetType: "organization",
    targetId: actor.organizationId,
    metadata: { requestId: created.id, from: current, to: input.plan },
  });
  return created;
}

export async function cancelPlanRequest(
  db: TenantDb,
  actor: Actor,
  input: { id: string },
): Promise<TPlanRequestOutput> {
  await lockOrganization(db, actor.organizationId);
  const found = await db.planRequest.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.id } },
    select: { status: true },
  });
  if (!found) throw new NotFoundError("Plan request not found");
  if (found.status !== "PENDING") {
    throw new PreconditionFailedError("This plan request has already been answered");
  }
  const updated = await db.planRequest.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.id } },
    data: { status: "CANCELLED", decidedAt: new Date() },
    select: requestSelect,
  });
  await recordAudit(db, actor, {
    action: "organization.plan_request_cancel",
    targetType: "organization",
    targetId: actor.organizationId,
    metadata: { requestId: input.id },
  });
  return updated;
}
