// An organization's effective limits: its plan's limits (plans.ts) with the per-organization overrides a platform
// admin set (organization_limit_overrides) applied. Every place that enforces a limit reads them through here, so an
// override takes effect everywhere at once.
import type { Plan, TenantDb } from "@tenantry/db";
import type { TOverridableLimit, TPlanLimits } from "@tenantry/validators";
import { OVERRIDABLE_LIMITS } from "@tenantry/validators";

import { NotFoundError } from "../errors.ts";
import { PLANS } from "./plans.ts";

export interface LimitOverride {
  limit: TOverridableLimit;
  /** null means unlimited. */
  value: number | null;
}

export interface EffectiveLimits {
  plan: Plan;
  limits: TPlanLimits;
  /** The limits that differ from the plan's because of an override. */
  overridden: TOverridableLimit[];
}

const isOverridable = (key: string): key is TOverridableLimit =>
  (OVERRIDABLE_LIMITS as readonly string[]).includes(key);

/**
 * The plan's limits with `overrides` applied. Pure, for callers that loaded the overrides themselves (the API rate
 * limiter reads them before any tenant transaction opens). An unknown key is ignored; a null rate per minute (the
 * rate always needs a number) keeps the plan's.
 */
export function applyOverrides(
  plan: Plan,
  overrides: readonly { limit: string; value: number | null }[],
): EffectiveLimits {
  const limits: TPlanLimits = { ...PLANS[plan] };
  const overridden: TOverridableLimit[] = [];
  for (const o of overrides) {
    if (!isOverridable(o.limit)) continue;
    if (o.limit === "rateLimitPerMinute") {
      if (o.value === null) continue;
      limits.rateLimitPerMinute = o.value;
    } else {
      limits[o.limit] = o.value;
    }
    overridden.push(o.limit);
  }
  return { plan, limits, overridden };
}

/** The organization's overrides (tenant rows: `tx` must be in its tenant scope). */
export async function loadOverrides(
  tx: TenantDb,
  organizationId: string,
): Promise<LimitOverride[]> {
  const rows = await tx.organizationLimitOverride.findMany({
    where: { organizationId },
    select: { limit: true, value: true },
    orderBy: { limit: "asc" },
  });
  return rows.filter((r): r is LimitOverride => isOverridable(r.limit));
}

/**
 * The organization's effective limits (plan + overrides). `tx` must be in the organization's tenant scope (a tenant
 * transaction, or a platform-admin one that entered it). Callers that must not race a concurrent creation lock the
 * organization first (plan.ts lockOrganizationLimits does both).
 */
export async function effectiveLimits(
  tx: TenantDb,
  organizationId: string,
  known?: { plan: Plan },
): Promise<EffectiveLimits> {
  let plan = known?.plan;
  if (!plan) {
    const org = await tx.organization.findUnique({
      where: { id: organizationId },
      select: { plan: true },
    });
    if (!org) throw new NotFoundError("Organization not found");
    plan = org.plan;
  }
  return applyOverrides(plan, await loadOverrides(tx, organizationId));
}
