// The plans' limits. Apart from their enforcement (plan.ts) so the API quota can read them without a cycle.
import type { Plan } from "@tenantry/db";
import type { TPlanLimits } from "@tenantry/validators";

/** null means unlimited. */
export const PLANS: Record<Plan, TPlanLimits> = {
  FREE: {
    maxMembers: 5,
    maxProjects: 3,
    apiRequestsPerMonth: 10_000,
    rateLimitPerMinute: 60,
    auditRetentionDays: 30,
    maxWebhookEndpoints: 1,
    maxApiKeys: 3,
    assistantTokensPerMonth: 100_000,
  },
  PRO: {
    maxMembers: 50,
    maxProjects: 100,
    apiRequestsPerMonth: 1_000_000,
    rateLimitPerMinute: 600,
    auditRetentionDays: 365,
    maxWebhookEndpoints: 10,
    maxApiKeys: 50,
    assistantTokensPerMonth: 5_000_000,
  },
  ENTERPRISE: {
    maxMembers: null,
    maxProjects: null,
    apiRequestsPerMonth: null,
    rateLimitPerMinute: 6_000,
    auditRetentionDays: 2_555,
    maxWebhookEndpoints: null,
    maxApiKeys: null,
    assistantTokensPerMonth: null,
  },
};

export function planLimits(plan: Plan): TPlanLimits {
  return PLANS[plan];
}
