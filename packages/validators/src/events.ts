// The one catalog of domain events: what the core services emit (in the transaction of the change), what webhook
// endpoints subscribe to, and what other consumers (notifications) listen for. Every payload carries the object
// after the change (for a deletion, what identifies the deleted object), never data of another organization.
import { z } from "zod";

import { boundedText, singleLineText, ZId } from "./common.ts";

/** An object as the event sends it: its id plus whatever fields the emitting service includes. */
const objectPayload = z.looseObject({ id: ZId });

export const EVENT_CATALOG = {
  "task.created": { description: "A task was created", payload: z.object({ task: objectPayload }) },
  "task.updated": { description: "A task was changed", payload: z.object({ task: objectPayload }) },
  "task.deleted": { description: "A task was deleted", payload: z.object({ task: objectPayload }) },
  "task.restored": {
    description: "A deleted task was restored",
    payload: z.object({ task: objectPayload }),
  },
  "comment.created": {
    description: "A comment was added to a task",
    payload: z.object({ comment: objectPayload, taskId: ZId }),
  },
  "member.added": {
    description: "A member joined the organization",
    payload: z.object({ member: objectPayload }),
  },
  "member.removed": {
    description: "A member left or was removed",
    payload: z.object({ member: objectPayload }),
  },
  "project.created": {
    description: "A project was created",
    payload: z.object({ project: objectPayload }),
  },
  "project.updated": {
    description: "A project was changed",
    payload: z.object({ project: objectPayload }),
  },
  "project.deleted": {
    description: "A project was deleted",
    payload: z.object({ project: objectPayload }),
  },
  "invitation.created": {
    description: "An invitation was sent",
    payload: z.object({ invitation: objectPayload }),
  },
  "invitation.accepted": {
    description: "An invitation was accepted",
    payload: z.object({ invitation: objectPayload }),
  },
  "invitation.revoked": {
    description: "An invitation was revoked",
    payload: z.object({ invitation: objectPayload }),
  },
  "webhook.endpoint_disabled": {
    description: "A webhook endpoint was disabled after failures or a 410 Gone answer",
    payload: z.object({
      endpoint: z.object({ id: ZId, url: z.string(), reason: z.string() }),
    }),
  },
  "quota.warning": {
    description:
      "The organization has used 80% of a monthly quota of its plan (sent once per period)",
    payload: z.object({
      quota: z.object({
        name: z.string(),
        used: z.number().int(),
        limit: z.number().int(),
        period: z.string(),
        resetsAt: z.string(),
      }),
    }),
  },
  "webhook.test": {
    description: "A test event sent from the webhooks settings page",
    payload: z.object({ message: z.string() }),
  },
} as const satisfies Record<string, { description: string; payload: z.ZodType }>;

export type EventType = keyof typeof EVENT_CATALOG;
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_CATALOG)[T]["payload"]>;

export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as [EventType, ...EventType[]];
export const ZEventType = z.enum(EVENT_TYPES);

/** The types an endpoint can subscribe to (the test event is sent on request, to one endpoint, whatever it lists). */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPES.filter((t) => t !== "webhook.test");
export const ZSubscribableEventType = ZEventType.refine((t) => t !== "webhook.test", {
  message: "This event type cannot be subscribed to",
});

/** An http(s) URL of at most 2048 characters; whether its host may be reached is checked when sending. */
export const ZWebhookUrl = singleLineText("URL")
  .max(2048, { message: "URL must be at most 2048 characters" })
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (
          (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password
        );
      } catch {
        return false;
      }
    },
    { message: "Must be an http(s) URL without credentials" },
  );

export const ZWebhookEndpointCreate = z.object({
  url: ZWebhookUrl,
  description: singleLineText("Description").max(500).default(""),
  eventTypes: z.array(ZSubscribableEventType).min(1).max(EVENT_TYPES.length),
});

export const ZWebhookEndpointUpdate = z.object({
  endpointId: ZId,
  url: ZWebhookUrl.optional(),
  description: singleLineText("Description").max(500).optional(),
  eventTypes: z.array(ZSubscribableEventType).min(1).max(EVENT_TYPES.length).optional(),
  enabled: z.boolean().optional(),
});

export const ZWebhookEndpointRef = z.object({ endpointId: ZId });
export const ZWebhookDeliveryRef = z.object({ endpointId: ZId, deliveryId: ZId });
export const ZWebhookDeliveryList = z.object({
  endpointId: ZId,
  limit: z.number().int().min(1).max(100).default(50),
});

/** Platform admin jobs view. */
export const ZJobState = z.enum(["created", "retry", "active", "completed", "cancelled", "failed"]);
export const ZAdminJobList = z.object({
  state: ZJobState.optional(),
  queue: boundedText("Queue", 100)
    .regex(/^[a-z0-9._-]+$/, { message: "Not a queue name" })
    .optional(),
  limit: z.number().int().min(1).max(200).default(100),
});
const ZQueueName = boundedText("Queue", 100).regex(/^[a-z0-9._-]+$/, {
  message: "Not a queue name",
});
export const ZAdminJobRef = z.object({ queue: ZQueueName, jobId: ZId });

export const ZWebhookEndpointOutput = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  previousSecretExpiresAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
/** Create and rotate answer with the secret: the only time it is ever shown. */
export const ZWebhookEndpointWithSecretOutput = z.object({
  endpoint: ZWebhookEndpointOutput,
  secret: z.string(),
});
export const ZWebhookAttemptOutput = z.object({
  id: z.uuid(),
  attempt: z.number().int(),
  requestHeaders: z.unknown(),
  requestBody: z.string(),
  responseStatus: z.number().int().nullable(),
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
  createdAt: z.date(),
});
export const ZWebhookDeliveryOutput = z.object({
  id: z.uuid(),
  eventId: z.string(),
  eventType: z.string(),
  payload: z.unknown(),
  status: z.string(),
  attemptCount: z.number().int(),
  nextAttemptAt: z.date().nullable(),
  createdAt: z.date(),
  attempts: z.array(ZWebhookAttemptOutput),
});
export const ZEventTypeOutput = z.object({ type: z.string(), description: z.string() });
export const ZAdminJobOutput = z.object({
  id: z.string(),
  queue: z.string(),
  state: z.string(),
  organizationId: z.string().nullable(),
  retryCount: z.number().int(),
  retryLimit: z.number().int(),
  createdOn: z.date(),
  startAfter: z.date(),
  startedOn: z.date().nullable(),
  completedOn: z.date().nullable(),
  error: z.string().nullable(),
});
