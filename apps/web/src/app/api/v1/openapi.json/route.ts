// The OpenAPI 3.1 document, generated from the REST registry and the zod schemas on first request.
import { buildOpenApiDocument } from "@tenantry/api/rest";

export const dynamic = "force-dynamic";

let document: ReturnType<typeof buildOpenApiDocument> | null = null;

export function GET(): Response {
  document ??= buildOpenApiDocument();
  return Response.json(document, { headers: { "cache-control": "public, max-age=300" } });
}
