// The OpenAPI 3.1 document of /api/v1, generated from the route registry and the procedures' zod schemas (zod 4's
// z.toJSONSchema; OpenAPI 3.1 uses JSON Schema 2020-12 as is). Nothing here describes a payload by hand: a route's
// parameters, body and answer are its procedure's input and output schemas; errors are the one Problem schema;
// examples are generated from those schemas (openapi-examples.ts) and problems from the problem mapping itself;
// the webhook events are the catalog's (openapi-webhooks.ts).
import type { RestRoute } from "./routes.ts";
import type { JsonSchema } from "./schemas.ts";
import { IDEMPOTENCY_TTL_SECONDS } from "./idempotency.ts";
import { exampleField } from "./openapi-examples.ts";
import { webhooksSection } from "./openapi-webhooks.ts";
import {
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPES,
  RestProblem,
  toProblem,
  ZProblem,
} from "./problem.ts";
import { REST_ROUTES } from "./routes.ts";
import { jsonSchemaOf, propertiesOf, routeSchemas } from "./schemas.ts";

const problemRef = { $ref: "#/components/schemas/Problem" };

const RETRY_AFTER = {
  "Retry-After": {
    description: "Seconds to wait before trying again",
    schema: { type: "integer", minimum: 1 },
  },
};

/** What each problem status means; `slug` names its problem type. */
const ERRORS: Record<string, { slug: string; text: string }> = {
  "400": { slug: "bad-request", text: "Malformed request (bad JSON, bad Idempotency-Key)" },
  "401": { slug: "unauthorized", text: "Missing, invalid or expired credential" },
  "403": { slug: "forbidden", text: "The credential may not do this" },
  "404": { slug: "not-found", text: "Not found (or another organization's)" },
  "405": {
    slug: "method-not-allowed",
    text: "The path exists, but not with this method; Allow lists the methods it has",
  },
  "409": { slug: "conflict", text: "Conflict, or the same Idempotency-Key still in progress" },
  "412": { slug: "precondition-failed", text: "Precondition failed (a plan limit, an expiry)" },
  "413": { slug: "payload-too-large", text: "The request body is over the size limit" },
  "422": {
    slug: "validation",
    text: "Validation failed (`errors` holds JSON pointers), or an Idempotency-Key reused with another body",
  },
  "429": { slug: "rate-limited", text: "Too many requests (a rate limit, the plan's API quota)" },
  "500": { slug: "internal", text: "Internal error; the body names only the request id" },
  "503": {
    slug: "unavailable",
    text: "Temporarily unavailable (the database, or the Idempotency-Key store); retry after Retry-After",
  },
};

/** A problem answer as the API sends it, its example made by the same mapping (problem.ts) that answers. */
function problem(status: string, instance: string) {
  const error = ERRORS[status] ?? { slug: "error", text: "Error" };
  const title = PROBLEM_TYPES.find((t) => t.slug === error.slug)?.title ?? "Error";
  const example = toProblem(
    new RestProblem(Number(status), error.slug, title, error.text),
    "req_01939a4e7c1f",
    `/api/v1${instance}`,
  ).body;
  return {
    description: error.text,
    ...(status === "429" || status === "503" ? { headers: RETRY_AFTER } : {}),
    ...(status === "405"
      ? { headers: { Allow: { description: "The path's methods", schema: { type: "string" } } } }
      : {}),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: problemRef, example } },
  };
}

/** The problem statuses a route can answer: 413 only with a body, 405 only where the path lacks a method. */
function errorStatuses(route: RestRoute, hasBody: boolean): string[] {
  const methods = new Set(REST_ROUTES.filter((r) => r.path === route.path).map((r) => r.method));
  return Object.keys(ERRORS).filter((status) => {
    if (status === "413") return hasBody;
    if (status === "405") return methods.size < 5;
    return true;
  });
}

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
      content: { "application/json": { schema, ...exampleField(schema) } },
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
    requestBody = {
      required: true,
      content: { "application/json": { schema, ...exampleField(schema) } },
    };
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
      ...Object.fromEntries(
        errorStatuses(route, requestBody !== undefined).map((code) => [
          code,
          problem(code, route.path),
        ]),
      ),
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
        "",
        "Webhook events (the `webhooks` section) are signed with Standard Webhooks headers.",
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
    webhooks: webhooksSection(),
  };
}
