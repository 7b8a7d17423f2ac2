// The OpenAPI 3.1 `webhooks` section: one entry per event of the catalog (packages/validators/src/events.ts), its
// body the envelope every delivery has (Standard Webhooks: `type`, `timestamp`, `data`) with the event's payload
// schema from zod as `data`, and the signature headers a receiver verifies. Generated like the paths.
import { z } from "zod";

import { EVENT_CATALOG } from "@tenantry/validators";

import type { JsonSchema } from "./schemas.ts";
import { exampleField } from "./openapi-examples.ts";
import { jsonSchemaOf } from "./schemas.ts";

const SIGNATURE_HEADERS = [
  ["webhook-id", "The delivery's id; the same on every retry, so a receiver can drop duplicates"],
  ["webhook-timestamp", "Unix seconds when this attempt was signed; refuse old ones (replays)"],
  [
    "webhook-signature",
    "Space-separated `v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint's secret; during a secret " +
      "rotation it carries one signature per live secret",
  ],
] as const;

function envelope(type: string, payload: z.ZodType): JsonSchema {
  const schema = jsonSchemaOf(
    z.object({
      type: z.literal(type),
      timestamp: z.string().meta({ format: "date-time", example: "2026-12-02T09:30:00.000Z" }),
      data: payload,
    }),
    "output",
  );
  delete schema.$schema;
  return schema;
}

const operationIdOf = (type: string) =>
  `webhook${type.replace(/(^|[._])(\w)/g, (_, __: string, c: string) => c.toUpperCase())}`;

export function webhooksSection(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(EVENT_CATALOG).map(([type, event]) => {
      const schema = envelope(type, event.payload);
      return [
        type,
        {
          post: {
            operationId: operationIdOf(type),
            summary: event.description,
            description:
              "Sent as a POST to every enabled endpoint subscribed to this event type. Answer 2xx quickly (the " +
              "timeout is WEBHOOK_TIMEOUT_MS); any other answer, or none, is retried with backoff for about three " +
              "days, and 410 Gone disables the endpoint.",
            tags: ["Webhooks"],
            security: [],
            parameters: SIGNATURE_HEADERS.map(([name, description]) => ({
              name,
              in: "header",
              required: true,
              description,
              schema: { type: "string" },
            })),
            requestBody: {
              required: true,
              content: { "application/json": { schema, ...exampleField(schema) } },
            },
            responses: {
              "2XX": { description: "Received; the delivery is recorded as succeeded" },
              "410": { description: "Gone: the endpoint is disabled and receives nothing more" },
              default: { description: "Any other answer: the delivery is retried later" },
            },
          },
        },
      ];
    }),
  );
}
