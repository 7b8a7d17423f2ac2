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

/**
 * The limits a platform admin may override per organization. Audit retention is not one: its purge runs in SQL on
 * the plan's days (the audit_retention migration); the database CHECK on organization_limit_overrides lists these.
 */
export const OVERRIDABLE_LIMITS = [
  "maxMembers",
  "maxProjects",
  "apiRequestsPerMonth",
  "rateLimitPerMinute",
  "maxWebhookEndpoints",
  "maxApiKeys",
  "assistantTokensPerMonth",
] as const satisfies readonly (keyof TPlanLimits)[];
export const ZOverridableLimit = z.enum(OVERRIDABLE_LIMITS);
export type TOverridableLimit = z.infer<typeof ZOverridableLimit>;

/** An override's value: null means unlimited (not allowed for the per-minute rate, which always has a number). */
export const ZLimitValue = z.number().int().min(0).max(1_000_000_000).nullable();

export const ZLimitOverrideOutput = z.object({
  limit: ZOverridableLimit,
  value: ZLimitValue,
  reason: z.string(),
  updatedAt: z.date(),
});
export type TLimitOverrideOutput = z.infer<typeof ZLimitOverrideOutput>;

export const ZPlanUsageOutput = z.object({
  plan: ZPlan,
  /** The organization's effective limits: the plan's with its overrides applied. */
  limits: ZPlanLimits,
  /** The limits set by a platform admin for this organization rather than by its plan. */
  overridden: z.array(z.string()),
  usage: z.object({
    members: z.number().int(),
    pendingInvitations: z.number().int(),
    projects: z.number().int(),
    /** Active (unrevoked, unexpired) API keys. */
    apiKeys: z.number().int(),
    webhookEndpoints: z.number().int(),
    /** Requests of API clients (bearer tokens) this calendar month (UTC); null when the counter is unavailable. */
    apiRequestsThisMonth: z.number().int().nullable(),
  }),
});
export type TPlanUsageOutput = z.infer<typeof ZPlanUsageOutput>;
