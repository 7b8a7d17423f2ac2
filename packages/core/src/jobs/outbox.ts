// The transactional outbox: a job is written as a row of the caller's tenant transaction, so it commits or rolls
// back with the change that causes it. The relay (relay.ts) moves committed rows into the queue.
import type { Prisma, TenantDb } from "@tenantry/db";
import type { EventPayload, EventType } from "@tenantry/validators";
import { newId } from "@tenantry/db";
import { EVENT_CATALOG } from "@tenantry/validators";

import type { Actor } from "../actor.ts";
import { currentRequestContext } from "../observability/request-context.ts";
import { currentTraceparent } from "../observability/tracing.ts";

/**
 * Who a job acts as: the user (and API key) that caused it, and the id of the request that did (for the job's log
 * lines; absent for jobs no request caused). The rest of the request's metadata stays with the request.
 */
export interface JobActor {
  userId: string;
  apiKeyId?: string | null;
  requestId?: string | null;
  /** The W3C trace context of the request (when tracing is on): the job's span joins the request's trace. */
  traceparent?: string | null;
}

export interface EnqueueJob {
  name: string;
  organizationId: string;
  actor: Pick<Actor, "userId" | "apiKeyId" | "request">;
  data: Prisma.InputJsonObject;
  /** Not to run before this time (a scheduled retry). */
  startAfter?: Date;
}

/** Writes a job into the outbox, inside `tx` (a tenant transaction for `organizationId`). Returns the job id. */
export async function enqueueJob(tx: TenantDb, job: EnqueueJob): Promise<string> {
  const id = newId();
  const requestId = job.actor.request?.requestId ?? currentRequestContext()?.requestId ?? null;
  const actor: JobActor = { userId: job.actor.userId, apiKeyId: job.actor.apiKeyId ?? null };
  const traceparent = currentTraceparent();
  await tx.jobOutbox.create({
    data: {
      id,
      organizationId: job.organizationId,
      name: job.name,
      actor: {
        userId: actor.userId,
        apiKeyId: actor.apiKeyId ?? null,
        requestId,
        ...(traceparent ? { traceparent } : {}),
      },
      data: job.data,
      startAfter: job.startAfter ?? null,
    },
    select: { id: true },
  });
  return id;
}

/** The queue that fans a domain event out to its consumers (webhook endpoints, listeners). */
export const EVENT_JOB = "event.dispatch";

/**
 * Emits a domain event from a service, in the service's transaction: validated against the catalog, stored in the
 * outbox, delivered after commit. The event id doubles as the webhook-id receivers dedupe on.
 */
export async function emitEvent<T extends EventType>(
  tx: TenantDb,
  actor: Pick<Actor, "userId" | "apiKeyId" | "organizationId" | "request">,
  type: T,
  payload: EventPayload<T>,
): Promise<string> {
  // Through JSON: dates become ISO strings, exactly what receivers get.
  const data = JSON.parse(
    JSON.stringify(EVENT_CATALOG[type].payload.parse(payload)),
  ) as Prisma.InputJsonObject;
  const eventId = `evt_${newId().replaceAll("-", "")}`;
  await enqueueJob(tx, {
    name: EVENT_JOB,
    organizationId: actor.organizationId,
    actor,
    data: { eventId, type, occurredAt: new Date().toISOString(), data },
  });
  return eventId;
}
