// Usage metering: the billable metrics of the ledger, the quotas, and the usage page's input and answer.
import { z } from "zod";

import { ZId } from "./common.ts";

/** Billable actions recorded in the usage ledger (packages/core/src/usage/ledger.ts). */
export const USAGE_METRICS = [
  "tasks_created",
  "storage_bytes",
  "seats",
  "assistant_tokens",
] as const;
export const ZUsageMetric = z.enum(USAGE_METRICS);
export type TUsageMetric = z.infer<typeof ZUsageMetric>;

export const USAGE_METRIC_LABELS: Record<TUsageMetric, string> = {
  tasks_created: "Tasks created",
  storage_bytes: "Attachment storage (bytes)",
  seats: "Seats",
  assistant_tokens: "Assistant tokens",
};

/** Monthly quotas (calendar month, UTC) a plan may set; checked against durable counts. */
export const QUOTAS = ["api_requests"] as const;
export const ZQuota = z.enum(QUOTAS);
export type TQuota = z.infer<typeof ZQuota>;

export const QUOTA_LABELS: Record<TQuota, string> = { api_requests: "API requests per month" };

/** The share of a quota at which admins are warned (banner, notification, quota.warning webhook). */
export const QUOTA_WARNING_PERCENT = 80;

const ZDay = z.iso.date();

/** The longest range the usage page reads at once. */
export const USAGE_MAX_RANGE_DAYS = 92;

export const ZUsageRangeInput = z
  .object({ from: ZDay, to: ZDay })
  .refine((r) => r.from <= r.to, { message: "The range ends before it starts", path: ["to"] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 < USAGE_MAX_RANGE_DAYS, {
    message: `A range spans at most ${USAGE_MAX_RANGE_DAYS} days`,
    path: ["from"],
  });
export type TUsageRangeInput = z.infer<typeof ZUsageRangeInput>;

const ZCount = z.number().int().nonnegative();

export const ZUsageDayOutput = z.object({
  day: ZDay,
  requests: ZCount,
  clientErrors: ZCount,
  serverErrors: ZCount,
});

export const ZQuotaStatusOutput = z.object({
  quota: ZQuota,
  used: ZCount,
  /** null: the plan sets no limit. */
  limit: z.number().int().nullable(),
  resetsAt: z.date(),
  /** At or past QUOTA_WARNING_PERCENT of the limit. */
  warning: z.boolean(),
  exceeded: z.boolean(),
});
export type TQuotaStatusOutput = z.infer<typeof ZQuotaStatusOutput>;

export const ZUsageSummaryOutput = z.object({
  from: ZDay,
  to: ZDay,
  totals: z.object({
    requests: ZCount,
    /** Share of answers with a 4xx or 5xx status, 0..1. */
    errorRate: z.number().min(0).max(1),
    /** null when there were no requests. */
    p95Ms: z.number().nullable(),
  }),
  days: z.array(ZUsageDayOutput).max(USAGE_MAX_RANGE_DAYS),
  procedures: z
    .array(
      z.object({
        procedure: z.string(),
        requests: ZCount,
        errorRate: z.number().min(0).max(1),
        p95Ms: z.number().nullable(),
      }),
    )
    .max(25),
  apiKeys: z
    .array(z.object({ apiKeyId: ZId, name: z.string().nullable(), requests: ZCount }))
    .max(10),
  billable: z.array(
    z.object({
      metric: ZUsageMetric,
      /** Recorded in the range (flows) ... */
      inRange: z.number(),
      /** ... and the running balance now (levels: storage bytes, seats). */
      balance: z.number(),
      limit: z.number().nullable(),
    }),
  ),
  quotas: z.array(ZQuotaStatusOutput),
});
export type TUsageSummaryOutput = z.infer<typeof ZUsageSummaryOutput>;

export const ZPlatformUsageOutput = z.object({
  from: ZDay,
  to: ZDay,
  days: z.array(ZUsageDayOutput).max(USAGE_MAX_RANGE_DAYS),
  organizations: z
    .array(
      z.object({
        organizationId: ZId,
        name: z.string(),
        slug: z.string(),
        requests: ZCount,
        errorRate: z.number().min(0).max(1),
        p95Ms: z.number().nullable(),
      }),
    )
    .max(50),
});
export type TPlatformUsageOutput = z.infer<typeof ZPlatformUsageOutput>;
