// The platform admin's view of the queue: jobs by state (queued, retrying, running, failed with the error,
// dead-lettered) and "retry now". It shows which organization a job belongs to, never the job's payload.
import type PgBoss from "pg-boss";

import { env } from "../env.ts";
import { createBoss, QUEUE_SCHEMA } from "./runtime.ts";

export interface AdminJob {
  id: string;
  queue: string;
  state: string;
  organizationId: string | null;
  retryCount: number;
  retryLimit: number;
  createdOn: Date;
  startAfter: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  /** The error a failed attempt recorded (pg-boss stores the serialized error as the job's output). */
  error: string | null;
}

interface JobRow {
  id: string;
  name: string;
  state: string;
  organization_id: string | null;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  start_after: Date;
  started_on: Date | null;
  completed_on: Date | null;
  output: { message?: unknown } | null;
}

export async function listJobs(
  boss: PgBoss,
  filter: { state?: string; queue?: string; limit: number },
): Promise<AdminJob[]> {
  const { rows } = await boss.getDb().executeSql(
    `SELECT id, name, state::text AS state, data->>'organizationId' AS organization_id, retry_count, retry_limit,
            created_on, start_after, started_on, completed_on, output
     FROM ${QUEUE_SCHEMA}.job
     WHERE ($1::text IS NULL OR state::text = $1) AND ($2::text IS NULL OR name = $2)
     ORDER BY created_on DESC LIMIT $3`,
    [filter.state ?? null, filter.queue ?? null, filter.limit],
  );
  return (rows as JobRow[]).map((r) => ({
    id: r.id,
    queue: r.name,
    state: r.state,
    organizationId: r.organization_id,
    retryCount: r.retry_count,
    retryLimit: r.retry_limit,
    createdOn: r.created_on,
    startAfter: r.start_after,
    startedOn: r.started_on,
    completedOn: r.completed_on,
    error:
      r.state === "failed" || r.state === "retry"
        ? typeof r.output?.message === "string"
          ? r.output.message.slice(0, 2000)
          : r.output
            ? JSON.stringify(r.output).slice(0, 2000)
            : null
        : null,
  }));
}

/**
 * Retry now: a failed job goes back to the queue (pg-boss retry); one waiting for its backoff, or scheduled for
 * later, becomes due immediately. Returns false when the job is neither (running, done, unknown).
 */
export async function retryJobNow(boss: PgBoss, queue: string, id: string): Promise<boolean> {
  // pg-boss throws for a queue that does not exist: an unknown queue simply has no such job.
  if (!(await boss.getQueue(queue))) return false;
  const job = await boss.getJobById(queue, id);
  if (!job) return false;
  if (job.state === "failed") {
    await boss.retry(queue, id);
    return true;
  }
  if (job.state === "retry" || job.state === "created") {
    const { rows } = await boss
      .getDb()
      .executeSql(
        `UPDATE ${QUEUE_SCHEMA}.job SET start_after = now() WHERE name = $1 AND id = $2 AND state IN ('retry', 'created') RETURNING id`,
        [queue, id],
      );
    return rows.length > 0;
  }
  return false;
}

let client: Promise<PgBoss> | undefined;

/** The web process's queue client (no maintenance, no schedules: the worker runs those). */
export function jobsAdminClient(): Promise<PgBoss> {
  const url = env.JOBS_DATABASE_URL ?? env.DATABASE_URL;
  if (!url)
    return Promise.reject(new Error("Set JOBS_DATABASE_URL or DATABASE_URL for the jobs view"));
  client ??= createBoss(url, { supervise: false }).start();
  return client;
}
