// The webhook jobs. event.dispatch fans a domain event out to the organization's enabled endpoints subscribed to
// it (one delivery each); webhook.deliver makes one attempt, records it, and schedules the next attempt on failure
// (exponential backoff with jitter), disables the endpoint on 410 Gone or a run of failures, tells the
// organization's admins (WEBHOOK_DISABLED, in the same transaction) and emits webhook.endpoint_disabled. Both run in the job's tenant context: they see only the
// organization the event belongs to. The HTTP request itself runs outside any transaction.
import type { Db, Prisma } from "@tenantry/db";

import type { JobActor } from "../jobs/outbox.ts";
import type { TenantJob } from "../jobs/registry.ts";
import { recordAudit } from "../audit/audit.ts";
import { env } from "../env.ts";
import { emitEvent, enqueueJob } from "../jobs/outbox.ts";
import { inJobTenant } from "../jobs/registry.ts";
import { notifyAdmins } from "../notifications/notify.ts";
import { queueDelivery } from "./endpoints.ts";
import { DELIVER_JOB } from "./names.ts";
import { postJson } from "./outbound.ts";
import { nextRetryDelayMs } from "./retry.ts";
import { decryptSecret, signPayload } from "./secrets.ts";

interface EventJobData {
  eventId: string;
  type: string;
  occurredAt: string;
  data: Prisma.InputJsonObject;
}

/** Other consumers of domain events (notifications), run after the webhook fan-out in the same tenant context. */
export type EventListener = (
  db: Db,
  event: EventJobData & { organizationId: string; actor: JobActor },
) => Promise<void>;
const listeners: EventListener[] = [];
export const addEventListener = (listener: EventListener): void => {
  listeners.push(listener);
};

export async function dispatchEvent(db: Db, job: TenantJob): Promise<void> {
  const event = job.data as unknown as EventJobData;
  const actor = { ...job.actor, organizationId: job.organizationId };
  await inJobTenant(db, job, async (tx) => {
    const endpoints = await tx.webhookEndpoint.findMany({
      where: { organizationId: job.organizationId, enabled: true, eventTypes: { has: event.type } },
      select: { id: true },
    });
    // A dispatch run twice (a worker lost after commit) must not deliver twice: one delivery per endpoint and event.
    const existing = await tx.webhookDelivery.findMany({
      where: { organizationId: job.organizationId, eventId: event.eventId },
      select: { endpointId: true },
    });
    const done = new Set(existing.map((d) => d.endpointId));
    for (const endpoint of endpoints) {
      if (done.has(endpoint.id)) continue;
      await queueDelivery(tx, actor, endpoint.id, {
        eventId: event.eventId,
        type: event.type,
        payload: { type: event.type, timestamp: event.occurredAt, data: event.data },
      });
    }
  });
  for (const listener of listeners) {
    await listener(db, { ...event, organizationId: job.organizationId, actor: job.actor });
  }
}

interface AttemptOutcome {
  status: number | null;
  body: string | null;
  error: string | null;
  durationMs: number;
}

export async function deliver(db: Db, job: TenantJob): Promise<void> {
  const deliveryId = String(job.data.deliveryId);
  const manual = job.data.manual === true;
  const prepared = await inJobTenant(db, job, async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({
      where: { organizationId_id: { organizationId: job.organizationId, id: deliveryId } },
      select: {
        eventId: true,
        payload: true,
        status: true,
        attemptCount: true,
        endpoint: {
          select: {
            id: true,
            url: true,
            enabled: true,
            secretEnc: true,
            previousSecretEnc: true,
            previousSecretExpiresAt: true,
          },
        },
      },
    });
    if (!delivery) return null;
    // A retry that lost a race with a redelivery, or an endpoint disabled meanwhile: nothing to send.
    if (!manual && delivery.status !== "PENDING") return null;
    if (!manual && !delivery.endpoint.enabled) {
      await tx.webhookDelivery.update({
        where: { organizationId_id: { organizationId: job.organizationId, id: deliveryId } },
        data: { status: "FAILED", nextAttemptAt: null },
        select: { id: true },
      });
      return null;
    }
    const { endpoint } = delivery;
    const secrets = [decryptSecret(endpoint.secretEnc)];
    if (
      endpoint.previousSecretEnc &&
      endpoint.previousSecretExpiresAt &&
      endpoint.previousSecretExpiresAt > new Date()
    ) {
      secrets.push(decryptSecret(endpoint.previousSecretEnc));
    }
    return { delivery, endpoint, secrets, attempt: delivery.attemptCount + 1 };
  });
  if (!prepared) return;

  const body = JSON.stringify(prepared.delivery.payload);
  const headers: Record<string, string> = {
    ...signPayload(prepared.secrets, prepared.delivery.eventId, new Date(), body),
  };
  const started = performance.now();
  let outcome: AttemptOutcome;
  try {
    const result = await postJson(prepared.endpoint.url, headers, body);
    outcome = {
      status: result.status,
      body: result.body,
      error: null,
      durationMs: result.durationMs,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome = {
      status: null,
      body: null,
      error: message.slice(0, 500),
      durationMs: Math.round(performance.now() - started),
    };
  }
  await recordAttempt(db, job, { ...prepared, headers, body, outcome, manual, deliveryId });
}

async function recordAttempt(
  db: Db,
  job: TenantJob,
  a: {
    endpoint: { id: string; url: string };
    attempt: number;
    headers: Record<string, string>;
    body: string;
    outcome: AttemptOutcome;
    manual: boolean;
    deliveryId: string;
  },
): Promise<void> {
  const org = job.organizationId;
  const ok = a.outcome.status !== null && a.outcome.status >= 200 && a.outcome.status < 300;
  const gone = a.outcome.status === 410;
  await inJobTenant(db, job, async (tx) => {
    await tx.webhookAttempt.create({
      data: {
        organizationId: org,
        deliveryId: a.deliveryId,
        attempt: a.attempt,
        requestHeaders: a.headers,
        requestBody: a.body,
        responseStatus: a.outcome.status,
        responseBody: a.outcome.body,
        error: a.outcome.error,
        durationMs: a.outcome.durationMs,
      },
      select: { id: true },
    });
    const endpointKey = { organizationId_id: { organizationId: org, id: a.endpoint.id } };
    const endpoint = await tx.webhookEndpoint.update({
      where: endpointKey,
      data: { consecutiveFailures: ok ? 0 : { increment: 1 } },
      select: { consecutiveFailures: true, enabled: true },
    });
    const delay = ok || gone || a.manual ? null : nextRetryDelayMs(a.attempt);
    await tx.webhookDelivery.update({
      where: { organizationId_id: { organizationId: org, id: a.deliveryId } },
      data: {
        attemptCount: a.attempt,
        status: ok ? "SUCCEEDED" : delay === null ? "FAILED" : "PENDING",
        nextAttemptAt: delay === null ? null : new Date(Date.now() + delay),
      },
      select: { id: true },
    });
    if (delay !== null) {
      await enqueueJob(tx, {
        name: DELIVER_JOB,
        organizationId: org,
        actor: job.actor,
        data: { deliveryId: a.deliveryId },
        startAfter: new Date(Date.now() + delay),
      });
    }
    const reason = gone
      ? "The endpoint answered 410 Gone"
      : !ok && endpoint.consecutiveFailures >= env.WEBHOOK_MAX_CONSECUTIVE_FAILURES
        ? `${endpoint.consecutiveFailures} failed attempts in a row`
        : null;
    if (reason && endpoint.enabled) {
      await tx.webhookEndpoint.update({
        where: endpointKey,
        data: { enabled: false, disabledReason: reason },
        select: { id: true },
      });
      await emitEvent(tx, { ...job.actor, organizationId: org }, "webhook.endpoint_disabled", {
        endpoint: { id: a.endpoint.id, url: a.endpoint.url, reason },
      });
      // The system disabled it, not the job's actor: the audit entry names no user ("system"), and every admin
      // hears of it, the actor included.
      await recordAudit(
        tx,
        { userId: "", organizationId: org },
        {
          action: "webhook.disable",
          targetType: "webhook_endpoint",
          targetId: a.endpoint.id,
          metadata: { reason },
          changes: { enabled: { before: true, after: false } },
        },
      );
      await notifyAdmins(tx, org, "WEBHOOK_DISABLED", {
        endpointId: a.endpoint.id,
        endpointUrl: a.endpoint.url.slice(0, 500),
        reason,
      });
    }
  });
}
