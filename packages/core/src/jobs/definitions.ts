// Every job the worker runs: the tenant jobs fed by the outbox, mail, and the scheduled maintenance that replaced
// the worker's setInterval purges (cron, UTC; one run per slot however many workers run: pg-boss schedules through
// a singleton per cron slot).
import { deliverStoredMail } from "@tenantry/auth";

import type { JobDefinition } from "./registry.ts";
import { KNOWLEDGE_PROCESS_JOB } from "../assistant/knowledge-documents.ts";
import { runKnowledgeProcessJob } from "../assistant/knowledge-processing.ts";
import { purgeExpiredAuditLogs } from "../audit/audit-retention.ts";
import { purgeDeletedOrganizations } from "../organization/organization.ts";
import { pruneHourlyUsage, USAGE_RETENTION_JOB } from "../usage/retention.ts";
import { rollUpUsage, USAGE_ROLLUP_JOB } from "../usage/rollup.ts";
import { deliver, dispatchEvent } from "../webhooks/delivery.ts";
import { DELIVER_JOB } from "../webhooks/names.ts";
import { purgeDeletedTasks } from "../work/task-purge.ts";
import { purgeExpiredIdempotencyKeys } from "./idempotency-purge.ts";
import { EVENT_JOB } from "./outbox.ts";
import { DEFAULT_RETRY } from "./registry.ts";
import { MAIL_JOB, MAIL_RETRY } from "./relay.ts";

export const PURGE_ORGANIZATIONS_JOB = "maintenance.purge-organizations";
export const AUDIT_RETENTION_JOB = "maintenance.audit-retention";
export const IDEMPOTENCY_PURGE_JOB = "maintenance.idempotency-purge";
export const TASK_PURGE_JOB = "maintenance.purge-deleted-tasks";

export const JOB_DEFINITIONS: readonly JobDefinition[] = [
  { kind: "tenant", name: EVENT_JOB, retry: DEFAULT_RETRY, run: dispatchEvent },
  // The delivery schedule (about three days) is the webhooks' own (retry.ts); these retries only cover a job that
  // failed before it could record its attempt (the database was unreachable).
  {
    kind: "tenant",
    name: DELIVER_JOB,
    retry: { retryLimit: 5, retryDelay: 10, retryBackoff: true },
    run: deliver,
  },
  // Extraction errors mark the document FAILED without a retry; these retries cover storage or database outages.
  {
    kind: "tenant",
    name: KNOWLEDGE_PROCESS_JOB,
    retry: { retryLimit: 5, retryDelay: 10, retryBackoff: true },
    run: runKnowledgeProcessJob,
  },
  {
    kind: "system",
    name: MAIL_JOB,
    retry: MAIL_RETRY,
    // Mail is no tenant data: the payload is the stored message's id.
    run: (db, data) => deliverStoredMail(db, String(data.id)),
  },
  {
    kind: "scheduled",
    name: PURGE_ORGANIZATIONS_JOB,
    cron: "17 * * * *",
    retry: { retryLimit: 2, retryDelay: 60, retryBackoff: true },
    run: async (db) => {
      const { purged } = await purgeDeletedOrganizations(db);
      return { purged: purged.length, organizationIds: purged };
    },
  },
  {
    kind: "scheduled",
    name: AUDIT_RETENTION_JOB,
    cron: "43 * * * *",
    retry: { retryLimit: 2, retryDelay: 60, retryBackoff: true },
    run: async (db) => {
      const { deleted } = await purgeExpiredAuditLogs(db);
      return { deleted };
    },
  },
  {
    kind: "scheduled",
    name: USAGE_ROLLUP_JOB,
    cron: "*/5 * * * *",
    retry: { retryLimit: 2, retryDelay: 30, retryBackoff: true },
    run: (db) => rollUpUsage(db),
  },
  {
    kind: "scheduled",
    name: USAGE_RETENTION_JOB,
    cron: "51 * * * *",
    retry: { retryLimit: 2, retryDelay: 60, retryBackoff: true },
    run: (db) => pruneHourlyUsage(db),
  },
  {
    kind: "scheduled",
    name: IDEMPOTENCY_PURGE_JOB,
    cron: "29 * * * *",
    retry: { retryLimit: 2, retryDelay: 60, retryBackoff: true },
    run: (db) => purgeExpiredIdempotencyKeys(db),
  },
  // Deleted tasks past their restore window (task-purge.ts).
  {
    kind: "scheduled",
    name: TASK_PURGE_JOB,
    cron: "37 * * * *",
    retry: { retryLimit: 2, retryDelay: 60, retryBackoff: true },
    run: (db) => purgeDeletedTasks(db),
  },
];
