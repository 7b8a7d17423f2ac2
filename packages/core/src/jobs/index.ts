// The jobs module: the outbox API services use, the runtime the worker starts, the admin view's queries.
export { enqueueJob, emitEvent, EVENT_JOB } from "./outbox.ts";
export type { EnqueueJob, JobActor } from "./outbox.ts";
export { inJobTenant, deadLetterOf } from "./registry.ts";
export type { JobDefinition, TenantJob } from "./registry.ts";
export { startJobs, createBoss, ensureQueues, QUEUE_SCHEMA } from "./runtime.ts";
export type { JobsRuntime, JobsLogger } from "./runtime.ts";
export { JOB_DEFINITIONS, IDEMPOTENCY_PURGE_JOB } from "./definitions.ts";
export { purgeExpiredIdempotencyKeys } from "./idempotency-purge.ts";
export { MAIL_JOB } from "./relay.ts";
export { listJobs, retryJobNow, jobsAdminClient } from "./jobs-admin.ts";
export type { AdminJob } from "./jobs-admin.ts";
