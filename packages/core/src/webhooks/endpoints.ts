// Webhook endpoints of an organization: create (the secret is shown once), edit, enable/disable, rotate the secret
// (the previous one keeps signing for 24 h), delete, delivery log, redelivery and test events. Callers hold
// webhook.manage (checked by the transport); every query runs in the caller's tenant transaction.
import type { Prisma, TenantDb } from "@tenantry/db";
import type { EventType } from "@tenantry/validators";
import { newId } from "@tenantry/db";

import type { Actor } from "../actor.ts";
import { diffFields } from "../audit/audit-redact.ts";
import { recordAudit } from "../audit/audit.ts";
import { NotFoundError } from "../errors.ts";
import { enqueueJob } from "../jobs/outbox.ts";
import { limitError, lockOrganizationLimits } from "../organization/plan.ts";
import { DELIVER_JOB } from "./names.ts";
import { encryptSecret, generateWebhookSecret, ROTATION_OVERLAP_MS } from "./secrets.ts";

const endpointSelect = {
  id: true,
  url: true,
  description: true,
  eventTypes: true,
  enabled: true,
  disabledReason: true,
  consecutiveFailures: true,
  previousSecretExpiresAt: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.WebhookEndpointSelect;

export type WebhookEndpointOutput = Prisma.WebhookEndpointGetPayload<{
  select: typeof endpointSelect;
}>;

const notFound = () => new NotFoundError("Webhook endpoint not found");

export async function listEndpoints(db: TenantDb, actor: Actor): Promise<WebhookEndpointOutput[]> {
  return db.webhookEndpoint.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: endpointSelect,
  });
}

async function loadEndpoint(db: TenantDb, actor: Actor, endpointId: string) {
  const row = await db.webhookEndpoint.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id: endpointId } },
    select: endpointSelect,
  });
  if (!row) throw notFound();
  return row;
}

export async function createEndpoint(
  db: TenantDb,
  actor: Actor,
  input: { url: string; description: string; eventTypes: EventType[] },
): Promise<{ endpoint: WebhookEndpointOutput; secret: string }> {
  const limits = await lockOrganizationLimits(db, actor.organizationId);
  const max = limits.limits.maxWebhookEndpoints;
  if (max !== null) {
    const count = await db.webhookEndpoint.count({
      where: { organizationId: actor.organizationId },
    });
    if (count >= max)
      throw limitError(limits, "maxWebhookEndpoints", "webhook endpoints", "delete one");
  }
  const secret = generateWebhookSecret();
  const endpoint = await db.webhookEndpoint.create({
    data: {
      organizationId: actor.organizationId,
      url: input.url,
      description: input.description,
      eventTypes: [...new Set(input.eventTypes)],
      secretEnc: encryptSecret(secret),
    },
    select: endpointSelect,
  });
  await recordAudit(db, actor, {
    action: "webhook.create",
    targetType: "webhook_endpoint",
    targetId: endpoint.id,
    metadata: { url: endpoint.url, eventTypes: endpoint.eventTypes },
  });
  return { endpoint, secret };
}

export async function updateEndpoint(
  db: TenantDb,
  actor: Actor,
  input: {
    endpointId: string;
    url?: string;
    description?: string;
    eventTypes?: EventType[];
    enabled?: boolean;
  },
): Promise<WebhookEndpointOutput> {
  const before = await loadEndpoint(db, actor, input.endpointId);
  const endpoint = await db.webhookEndpoint.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.endpointId } },
    data: {
      url: input.url,
      description: input.description,
      eventTypes: input.eventTypes ? [...new Set(input.eventTypes)] : undefined,
      enabled: input.enabled,
      // Re-enabling starts the failure count over and clears why it was disabled.
      ...(input.enabled === true ? { consecutiveFailures: 0, disabledReason: null } : {}),
      ...(input.enabled === false ? { disabledReason: "Disabled by a member" } : {}),
    },
    select: endpointSelect,
  });
  await recordAudit(db, actor, {
    action: "webhook.update",
    targetType: "webhook_endpoint",
    targetId: endpoint.id,
    metadata: { fields: Object.keys(input).filter((k) => k !== "endpointId") },
    changes: diffFields(
      {
        url: before.url,
        description: before.description,
        eventTypes: before.eventTypes,
        enabled: before.enabled,
      },
      {
        url: endpoint.url,
        description: endpoint.description,
        eventTypes: endpoint.eventTypes,
        enabled: endpoint.enabled,
      },
    ),
  });
  return endpoint;
}

/** A new secret, shown once; the previous one keeps signing next to it for 24 hours. */
export async function rotateSecret(
  db: TenantDb,
  actor: Actor,
  endpointId: string,
): Promise<{ endpoint: WebhookEndpointOutput; secret: string }> {
  const current = await db.webhookEndpoint.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id: endpointId } },
    select: { secretEnc: true },
  });
  if (!current) throw notFound();
  const secret = generateWebhookSecret();
  const endpoint = await db.webhookEndpoint.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: endpointId } },
    data: {
      secretEnc: encryptSecret(secret),
      previousSecretEnc: current.secretEnc,
      previousSecretExpiresAt: new Date(Date.now() + ROTATION_OVERLAP_MS),
    },
    select: endpointSelect,
  });
  await recordAudit(db, actor, {
    action: "webhook.rotate_secret",
    targetType: "webhook_endpoint",
    targetId: endpointId,
  });
  return { endpoint, secret };
}

export async function deleteEndpoint(
  db: TenantDb,
  actor: Actor,
  endpointId: string,
): Promise<{ id: string }> {
  await loadEndpoint(db, actor, endpointId);
  await db.webhookEndpoint.delete({
    where: { organizationId_id: { organizationId: actor.organizationId, id: endpointId } },
    select: { id: true },
  });
  await recordAudit(db, actor, {
    action: "webhook.delete",
    targetType: "webhook_endpoint",
    targetId: endpointId,
  });
  return { id: endpointId };
}

export async function listDeliveries(
  db: TenantDb,
  actor: Actor,
  input: { endpointId: string; limit: number },
) {
  await loadEndpoint(db, actor, input.endpointId);
  return db.webhookDelivery.findMany({
    where: { organizationId: actor.organizationId, endpointId: input.endpointId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
    select: {
      id: true,
      eventId: true,
      eventType: true,
      payload: true,
      status: true,
      attemptCount: true,
      nextAttemptAt: true,
      createdAt: true,
      attempts: {
        orderBy: { attempt: "asc" },
        take: 50,
        select: {
          id: true,
          attempt: true,
          requestHeaders: true,
          requestBody: true,
          responseStatus: true,
          responseBody: true,
          error: true,
          durationMs: true,
          createdAt: true,
        },
      },
    },
  });
}

/** Creates a delivery of `event` to one endpoint and queues its first attempt (in the caller's transaction). */
export async function queueDelivery(
  db: TenantDb,
  actor: Pick<Actor, "userId" | "apiKeyId" | "organizationId">,
  endpointId: string,
  event: { eventId: string; type: string; payload: Prisma.InputJsonObject },
): Promise<string> {
  const id = newId();
  await db.webhookDelivery.create({
    data: {
      id,
      organizationId: actor.organizationId,
      endpointId,
      eventId: event.eventId,
      eventType: event.type,
      payload: event.payload,
      nextAttemptAt: new Date(),
    },
    select: { id: true },
  });
  await enqueueJob(db, {
    name: DELIVER_JOB,
    organizationId: actor.organizationId,
    actor,
    data: { deliveryId: id },
  });
  return id;
}

/** Sends a delivery again now, as a new attempt with the same webhook-id (receivers dedupe on it). */
export async function redeliver(
  db: TenantDb,
  actor: Actor,
  input: { endpointId: string; deliveryId: string },
): Promise<{ id: string }> {
  const delivery = await db.webhookDelivery.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.deliveryId } },
    select: { endpointId: true },
  });
  if (delivery?.endpointId !== input.endpointId) throw new NotFoundError("Delivery not found");
  await db.webhookDelivery.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.deliveryId } },
    data: { status: "PENDING", nextAttemptAt: new Date() },
    select: { id: true },
  });
  await enqueueJob(db, {
    name: DELIVER_JOB,
    organizationId: actor.organizationId,
    actor,
    data: { deliveryId: input.deliveryId, manual: true },
  });
  await recordAudit(db, actor, {
    action: "webhook.redeliver",
    targetType: "webhook_delivery",
    targetId: input.deliveryId,
  });
  return { id: input.deliveryId };
}

/** Queues a `webhook.test` event to one endpoint, whatever it subscribes to. */
export async function sendTestEvent(
  db: TenantDb,
  actor: Actor,
  endpointId: string,
): Promise<{ deliveryId: string }> {
  await loadEndpoint(db, actor, endpointId);
  const eventId = `evt_${newId().replaceAll("-", "")}`;
  const deliveryId = await queueDelivery(db, actor, endpointId, {
    eventId,
    type: "webhook.test",
    payload: {
      type: "webhook.test",
      timestamp: new Date().toISOString(),
      data: { message: "This is a test event from Tenantry" },
    },
  });
  return { deliveryId };
}
