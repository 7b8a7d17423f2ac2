// What the queue runs: each job kind's handler and retry policy. Tenant jobs (from the outbox) carry their
// organization and actor and re-enter the tenant context before touching tenant data; scheduled jobs are
// platform maintenance and carry neither.
import type { Db, TenantDb } from "@tenantry/db";
import { withTenantTransaction } from "@tenantry/db";

import type { JobActor } from "./outbox.ts";
import { parseTraceparent } from "../observability/tracing.ts";

/** A job as the relay hands it to the queue: the outbox row. */
export interface TenantJob {
  /** The outbox row's id, also the queue job's id: a job relayed twice is stored once. */
  id: string;
  organizationId: string;
  actor: JobActor;
  data: Record<string, unknown>;
}

export interface RetryPolicy {
  retryLimit: number;
  /** Seconds before the first retry; doubled on each further retry (pg-boss retryBackoff, with jitter). */
  retryDelay: number;
  retryBackoff: boolean;
}

export interface TenantJobDefinition {
  kind: "tenant";
  name: string;
  retry: RetryPolicy;
  run: (db: Db, job: TenantJob) => Promise<void>;
}

export interface ScheduledJobDefinition {
  kind: "scheduled";
  name: string;
  /** Cron expression (UTC). */
  cron: string;
  retry: RetryPolicy;
  /** Returns what the run did, for the log. */
  run: (db: Db) => Promise<Record<string, unknown>>;
}

/** A job of the platform itself with its own payload (mail.send: the stored message's id). */
export interface SystemJobDefinition {
  kind: "system";
  name: string;
  retry: RetryPolicy;
  run: (db: Db, data: Record<string, unknown>) => Promise<void>;
}

export type JobDefinition = TenantJobDefinition | ScheduledJobDefinition | SystemJobDefinition;

export const DEFAULT_RETRY: RetryPolicy = { retryLimit: 8, retryDelay: 15, retryBackoff: true };

/** The dead-letter queue of a queue: jobs that used up their retries land there, visible in the admin view. */
export const deadLetterOf = (name: string): string => `${name}.dead`;

/**
 * Runs `fn` in the job's tenant transaction: the same RLS transaction as a request of its actor in its
 * organization, so a job sees exactly that organization's rows and nothing of another tenant.
 */
export function inJobTenant<T>(
  db: Db,
  job: Pick<TenantJob, "organizationId" | "actor">,
  fn: (tx: TenantDb) => Promise<T>,
): Promise<T> {
  return withTenantTransaction(
    db,
    { userId: job.actor.userId, organizationId: job.organizationId, role: "JOB" },
    fn,
  );
}

/** Reads a tenant job off the queue's payload, refusing anything that is not one. */
export function parseTenantJob(value: unknown): TenantJob {
  if (typeof value !== "object" || value === null) throw new Error("job payload is not an object");
  const v = value as Record<string, unknown>;
  const actor = v.actor as Record<string, unknown> | null | undefined;
  if (
    typeof v.id !== "string" ||
    typeof v.organizationId !== "string" ||
    typeof actor?.userId !== "string" ||
    typeof v.data !== "object" ||
    v.data === null
  ) {
    throw new Error("job payload is not a tenant job");
  }
  return {
    id: v.id,
    organizationId: v.organizationId,
    actor: {
      userId: actor.userId,
      apiKeyId: typeof actor.apiKeyId === "string" ? actor.apiKeyId : null,
      requestId: typeof actor.requestId === "string" ? actor.requestId.slice(0, 128) : null,
      traceparent: parseTraceparent(actor.traceparent),
    },
    data: v.data as Record<string, unknown>,
  };
}
