// The OpenAPI 3.1 `webhooks` of the document: one entry per event type of the catalog (the one an endpoint
// subscribes to), each the POST a receiver gets — the Standard Webhooks headers and the body
// `{ type, timestamp, data }` whose data is the event's payload schema, generated from the catalog's zod schema.
import { z } from "zod";

import { EVENT_CATALOG, EVENT_TYPES } from "@tenantry/validators";

import { jsonSchemaOf } from "./schemas.ts";

const header = (description: string) => ({
  required: true,
  schema: { type: "string" },
  description,
});

export function webhookDocuments(): Record<string, unknown> {
  const webhooks: Record<string, unknown> = {};
  for (const type of EVENT_TYPES) {
    const { description, payload } = EVENT_CATALOG[type];
    const body = jsonSchemaOf(
      z.object({ type: z.literal(type), timestamp: z.string(), data: payload }),
      "output",
    );
    delete body.$schema;
    webhooks[type] = {
      post: {
        summary: description,
        description:
          "Signed per Standard Webhooks: verify `webhook-signature` (HMAC-SHA256 with the endpoint's `whsec_` " +
          "secret over `<webhook-id>.<webhook-timestamp>.<body>`; during a secret rotation two signatures) with a " +
          "Standard Webhooks library. Redeliveries keep the `webhook-id`.",
        parameters: [
          {
            in: "header",
            name: "webhook-id",
            ...header("The event's id: the same on every retry"),
          },
          { in: "header", name: "webhook-timestamp", ...header("Unix seconds of this attempt") },
          {
            in: "header",
            name: "webhook-signature",
            ...header("Space-separated `v1,<base64>` signatures"),
          },
        ],
        requestBody: { required: true, content: { "application/json": { schema: body } } },
        responses: { "2XX": { description: "Received; any other answer is retried with backoff" } },
      },
    };
  }
  return webhooks;
}
