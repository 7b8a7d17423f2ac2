// Plan changes: the owners' plan comparison, self-service moves and upgrade requests, and the platform admins'
// plan changes, limit overrides and answers to requests.
import { z } from "zod";

import { ZReason } from "./admin.ts";
import { singleLineText, ZId } from "./common.ts";
import { ZPlan } from "./organization.ts";
import { ZLimitOverrideOutput, ZLimitValue, ZOverridableLimit, ZPlanLimits } from "./plan.ts";

/** What an organization holds against each limit; the downgrade check compares these with a plan's limits. */
export const ZPlanHoldings = z.object({
  /** Members plus pending invitations (an invitation reserves its seat). */
  members: z.number().int(),
  projects: z.number().int(),
  apiKeys: z.number().int(),
  webhookEndpoints: z.number().int(),
});
export type TPlanHoldings = z.infer<typeof ZPlanHoldings>;

/** One thing to remove before a plan fits, e.g. { noun: "members", count: 3 }. */
export const ZPlanExcess = z.object({
  limit: ZOverridableLimit,
  noun: z.string(),
  count: z.number().int(),
});
export type TPlanExcess = z.infer<typeof ZPlanExcess>;

export const ZPlanRequestStatus = z.enum(["PENDING", "APPROVED", "DECLINED", "CANCELLED"]);

export const ZPlanRequestOutput = z.object({
  id: ZId,
  fromPlan: ZPlan,
  toPlan: ZPlan,
  status: ZPlanRequestStatus,
  message: z.string(),
  decisionNote: z.string(),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
});
export type TPlanRequestOutput = z.infer<typeof ZPlanRequestOutput>;

export const ZPlanOptionsOutput = z.object({
  current: ZPlan,
  holdings: ZPlanHoldings,
  /** Whether owners may move up themselves (PLAN_SELF_SERVICE_UPGRADES); otherwise an upgrade is a request. */
  selfServiceUpgrades: z.boolean(),
  overrides: z.array(ZLimitOverrideOutput),
  plans: z.array(
    z.object({
      plan: ZPlan,
      /** The plan's limits with this organization's overrides applied. */
      limits: ZPlanLimits,
      direction: z.enum(["current", "upgrade", "downgrade"]),
      /** What to remove before moving there; empty when the organization fits. */
      excess: z.array(ZPlanExcess),
    }),
  ),
  pendingRequest: ZPlanRequestOutput.nullable(),
});
export type TPlanOptionsOutput = z.infer<typeof ZPlanOptionsOutput>;

export const ZChangePlanInput = z.object({ plan: ZPlan });
export type TChangePlanInput = z.infer<typeof ZChangePlanInput>;

export const ZRequestPlanInput = z.object({
  plan: ZPlan,
  message: singleLineText("Message").max(500).default(""),
});
export type TRequestPlanInput = z.infer<typeof ZRequestPlanInput>;

export const ZCancelPlanRequestInput = z.object({ id: ZId });

// Platform admins.
export const ZAdminSetPlanInput = z.object({ id: ZId, plan: ZPlan, reason: ZReason });
export type TAdminSetPlanInput = z.infer<typeof ZAdminSetPlanInput>;

export const ZAdminSetLimitOverrideInput = z.object({
  id: ZId,
  limit: ZOverridableLimit,
  /** null means unlimited; not allowed for rateLimitPerMinute. */
  value: ZLimitValue,
  reason: ZReason,
});
export type TAdminSetLimitOverrideInput = z.infer<typeof ZAdminSetLimitOverrideInput>;

export const ZAdminClearLimitOverrideInput = z.object({
  id: ZId,
  limit: ZOverridableLimit,
  reason: ZReason,
});
export type TAdminClearLimitOverrideInput = z.infer<typeof ZAdminClearLimitOverrideInput>;

export const ZAdminOrganizationLimitsOutput = z.object({
  plan: ZPlan,
  limits: ZPlanLimits,
  overrides: z.array(ZLimitOverrideOutput),
  holdings: ZPlanHoldings,
});
export type TAdminOrganizationLimitsOutput = z.infer<typeof ZAdminOrganizationLimitsOutput>;

export const ZAdminPlanRequestOutput = z.object({
  id: ZId,
  organizationId: ZId,
  organizationName: z.string(),
  organizationSlug: z.string(),
  fromPlan: ZPlan,
  toPlan: ZPlan,
  message: z.string(),
  requestedByEmail: z.string().nullable(),
  createdAt: z.date(),
});
export type TAdminPlanRequestOutput = z.infer<typeof ZAdminPlanRequestOutput>;

export const ZAdminDecidePlanRequestInput = z.object({
  organizationId: ZId,
  requestId: ZId,
  decision: z.enum(["APPROVED", "DECLINED"]),
  note: singleLineText("Note").max(500).default(""),
});
export type TAdminDecidePlanRequestInput = z.infer<typeof ZAdminDecidePlanRequestInput>;
