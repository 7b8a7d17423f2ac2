// Plan limits and usage, as shown on the "plan & usage" page. The definitions live in the core (packages/core/src/organization/plans.ts).
import { z } from "zod";

import { ZPlan } from "./organization.ts";

/** null means unlimited. */
export const ZPlanLimits = z.object({
  maxMembers: z.number().int().nullable(),
  maxProjects: z.number().int().nullable(),
  apiRequestsPerMonth: z.number().int().nullable(),
  rateLimitPerMinute: z.number().int(),
  auditRetentionDays: z.number().int(),
  maxWebhookEndpoints: z.number().int().nullable(),
  maxApiKeys: z.number().int().nullable(),
  /** Prompt plus completion tokens of the assistant per calendar month (UTC). */
  assistantTokensPerMonth: z.number().int().nullable(),
});
export type TPlanLimits = z.infer<typeof ZPlanLimits>;

export const ZPlanUsageOutput = z.object({
  plan: ZPlan,
  limits: ZPlanLimits,
  usage: z.object({
    members: z.number().int(),
    pendingInvitations: z.number().int(),
    projects: z.number().int(),
    /** Requests of API clients (bearer tokens) this calendar month (UTC); null when the counter is unavailable. */
    apiRequestsThisMonth: z.number().int().nullable(),
  }),
});
export type TPlanUsageOutput = z.infer<typeof ZPlanUsageOutput>;
