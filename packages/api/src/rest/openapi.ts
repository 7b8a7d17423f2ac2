// The OpenAPI 3.1 document of /api/v1, generated from the route registry and the procedures' zod schemas (zod 4's
// z.toJSONSchema; OpenAPI 3.1 uses JSON Schema 2020-12 as is). Nothing here describes a payload by hand: a route's
// parameters, body and answer are its procedure's input and output schemas; errors are the one Problem schema.
import type { RestRoute } from "./routes.ts";
import type { JsonSchema } from "./schemas.ts";
import { IDEMPOTENCY_TTL_SECONDS } from "./idempotency.ts";
import { webhookDocuments } from "./openapi-webhooks.ts";
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, ZProblem } from "./problem.ts";
import { REST_ROUTES } from "./routes.ts";
import { jsonSchemaOf, propertiesOf, routeSchemas } from "./schemas.ts";

const problemRef = { $ref: "#/components/schemas/Problem" };

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemRef } },
});

const ERRORS: Record<string, string> = {
  "400": "Malformed request (bad JSON, bad Idempotency-Key)",
  "401": "Missing, invalid or expired credential",
  "403": "The credential may not do this",
  "404": "Not found (or another organization's)",
  "409": "Conflict, or the same Idempotency-Key still in progress",
  "412": "Precondition failed (a plan limit, an expiry)",
  "422":
    "Validation failed (`errors` holds JSON pointers), or an Idempotency-Key reused with another body",
  "429": "Too many requests; see Retry-After",
  "500": "Internal error; the body names only the request id",
};

const pathParams = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");

function pageSchema(output: JsonSchema): JsonSchema {
  const properties = propertiesOf(output);
  return {
    type: "object",
    required: ["items", "next_cursor"],
    properties: {
      items: properties.items ?? { type: "array" },
      next_cursor: {
        type: ["string", "null"],
        description: "Pass as `cursor` for the next page; null on the last page",
      },
    },
  };
}

function operation(route: RestRoute) {
  const schemas = routeSchemas(route);
  const input = schemas.input ? jsonSchemaOf(schemas.input, "input") : null;
  const output = schemas.output ? jsonSchemaOf(schemas.output, "output") : null;
  const inPath = pathParams(route.path);
  const properties = input ? propertiesOf(input) : {};
  const required = new Set(Array.isArray(input?.required) ? (input.required as string[]) : []);
  const fromQuery =
    (route.input ?? (["GET", "DELETE"].includes(route.method) ? "query" : "body")) === "query";
  const isPage = output !== null && "nextCursor" in propertiesOf(output);

  const parameters: unknown[] = inPath.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: properties[name] ?? { type: "string" },
  }));
  if (fromQuery && !route.file) {
    for (const [name, schema] of Object.entries(properties)) {
      if (inPath.includes(name)) continue;
      parameters.push({ name, in: "query", required: required.has(name), schema });
    }
  }
  if (!route.public) {
    parameters.push({
      name: "X-Tenantry-Org",
      in: "header",
      required: false,
      description:
        "Organization id or slug (default: the credential's organization); `?org=` works too",
      schema: { type: "string" },
    });
  }
  if (route.method !== "GET") {
    parameters.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: `Replays the first answer for ${IDEMPOTENCY_TTL_SECONDS / 3600} h (same key and body)`,
      schema: { type: "string", maxLength: 255 },
    });
  }

  const status = String(route.status ?? 200);
  let ok: Record<string, unknown> = { description: "No content" };
  if (route.file === "download") {
    ok = {
      description: "The file's bytes",
      content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } },
    };
  } else if (status !== "204") {
    const schema = output ? (isPage ? pageSchema(output) : output) : {};
    ok = {
      description: route.summary,
      content: { "application/json": { schema } },
      ...(isPage
        ? { headers: { Link: { description: 'rel="next" link', schema: { type: "string" } } } }
        : {}),
    };
  }

  const bodyProperties = Object.fromEntries(
    Object.entries(properties).filter(([k]) => !inPath.includes(k)),
  );
  let requestBody: unknown;
  if (route.file === "upload") {
    requestBody = {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["file"],
            properties: { file: { type: "string", format: "binary" } },
          },
        },
      },
    };
  } else if (!fromQuery && input) {
    const schema =
      inPath.length > 0 && input.type === "object"
        ? {
            ...input,
            properties: bodyProperties,
            required: [...required].filter((k) => !inPath.includes(k)),
          }
        : input;
    requestBody = { required: true, content: { "application/json": { schema } } };
  }

  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/\{(\w+)\}/g, "By-$1").replace(/[^A-Za-z0-9]+(.)?/g, (_, c?: string) => (c ? c.toUpperCase() : ""))}`,
    summary: route.summary,
    tags: [route.tag],
    ...(route.public ? { security: [] } : {}),
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [status]: ok,
      ...Object.fromEntries(Object.entries(ERRORS).map(([code, text]) => [code, problem(text)])),
    },
  };
}

/** OpenAPI path templates; the registry's are already in that form. */
export function buildOpenApiDocument(serverUrl = "/api/v1") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of REST_ROUTES) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase()] = operation(route);
  }
  const problemSchema = jsonSchemaOf(ZProblem, "output");
  delete problemSchema.$schema;
  return {
    openapi: "3.1.0",
    info: {
      title: "Tenantry REST API",
      version: "1.0.0",
      description: [
        "JSON over the same services as the app. Errors are RFC 7807 problems; problem types:",
        ...PROBLEM_TYPES.map((t) => `- \`problem-${t.slug}\`: ${t.title}`),
        "",
        "Lists are cursor-paginated: `limit` (capped) and `cursor` from the previous page's `next_cursor`.",
      ].join("\n"),
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An access token from POST /auth/token, or an organization API key",
        },
      },
      schemas: { Problem: problemSchema },
    },
    paths,
    // What webhook endpoints receive (the event catalog), as OpenAPI 3.1 describes outgoing requests.
    webhooks: webhookDocuments(),
  };
}
