// The OpenAPI document: valid OpenAPI 3.1 (an independent validator), exactly the registry's routes (and every
// route file under apps/web/src/app/api/v1 is one of them), and real answers of the API validate against it.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";

import { EVENT_TYPES } from "@tenantry/validators";

import type { RestResult } from "./rest-client.ts";
import { buildOpenApiDocument, REST_ROUTES } from "../../src/rest/index.ts";
import { admin, createTenant } from "../fixtures.ts";
import { accessTokenFor, restClient } from "./rest-client.ts";

type Json = Record<string, unknown>;
const doc = buildOpenApiDocument() as unknown as {
  paths: Record<string, Record<string, Json>>;
  webhooks: Record<string, { post: Json }>;
  components: Json;
};

interface Media {
  schema: Json;
  example?: unknown;
}
interface Operation {
  responses: Record<string, { headers?: Json; content?: Record<string, Media> }>;
  requestBody?: { content: Record<string, Media> };
}
const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ path: p, method, op: op as unknown as Operation })),
);

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
const problemSchema = (doc.components.schemas as Json).Problem as Json;

/** The schema the document gives for `method path` answering `status`. */
function responseSchema(method: string, route: string, status: number): Json | null {
  const op = doc.paths[route]?.[method.toLowerCase()] as
    { responses: Record<string, Json> } | undefined;
  const response = op?.responses[String(status)] as
    { content?: Record<string, { schema: Json }> } | undefined;
  if (!response) return null;
  const content = Object.values(response.content ?? {})[0];
  if (!content) return {};
  return "$ref" in content.schema ? problemSchema : content.schema;
}

function expectMatchesDocument(method: string, route: string, result: RestResult) {
  const schema = responseSchema(method, route, result.status);
  expect(schema, `${method} ${route} documents no ${result.status}: ${result.text}`).not.toBeNull();
  if (result.status === 204) return;
  const validate = ajv.compile(schema ?? {});
  expect(validate(result.body), `${method} ${route}: ${JSON.stringify(validate.errors)}`).toBe(
    true,
  );
}

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1", async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("lists exactly the registry's routes, each with a bearer scheme and problem answers", () => {
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(documented.sort()).toEqual(REST_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    expect(doc.components.securitySchemes).toMatchObject({
      bearer: { type: "http", scheme: "bearer" },
    });
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops) as { responses: Json }[]) {
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["401", "422", "500"]));
      }
    }
  });

  it("documents 429 and 503 with Retry-After everywhere, 413 where a body is sent, 405 where a method is missing", () => {
    for (const { path: p, method, op } of operations) {
      const where = `${method.toUpperCase()} ${p}`;
      for (const status of ["429", "503"]) {
        expect(op.responses[status]?.headers, `${where} ${status}`).toHaveProperty("Retry-After");
      }
      expect("413" in op.responses, `${where} 413`).toBe(op.requestBody !== undefined);
      const methods = Object.keys(doc.paths[p] ?? {});
      expect("405" in op.responses, `${where} 405`).toBe(methods.length < 5);
      if (methods.length < 5) expect(op.responses["405"]?.headers).toHaveProperty("Allow");
    }
  });

  it("has generated examples that validate against their schemas", () => {
    let requests = 0;
    let answers = 0;
    const check = (where: string, media: Media | undefined) => {
      if (media?.example === undefined) return false;
      const schema = "$ref" in media.schema ? problemSchema : media.schema;
      const validate = ajv.compile(schema);
      expect(validate(media.example), `${where}: ${JSON.stringify(validate.errors)}`).toBe(true);
      return true;
    };
    for (const { path: p, method, op } of operations) {
      const where = `${method.toUpperCase()} ${p}`;
      if (check(`${where} request`, op.requestBody?.content["application/json"])) requests++;
      for (const [status, response] of Object.entries(op.responses)) {
        for (const media of Object.values(response.content ?? {})) {
          if (check(`${where} ${status}`, media)) answers++;
        }
        if (Number(status) >= 400) {
          const example = response.content?.["application/problem+json"]?.example as
            { status?: number } | undefined;
          expect(example?.status, `${where} ${status} example`).toBe(Number(status));
        }
      }
    }
    // Most bodies and answers get one (a field with a pattern and no example of its own gets none).
    expect(requests).toBeGreaterThan(20);
    expect(answers).toBeGreaterThan(operations.length * 5);
  });

  it("lists every event of the catalog under webhooks, with its payload schema and the signature headers", () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...EVENT_TYPES].sort());
    for (const [type, item] of Object.entries(doc.webhooks)) {
      const post = item.post as unknown as Operation & { parameters: { name: string }[] };
      expect(post.parameters.map((h) => h.name)).toEqual([
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
      ]);
      const media = post.requestBody?.content["application/json"];
      const schema = media?.schema ?? {};
      expect(schema).toMatchObject({ properties: { type: { const: type } } });
      const validate = ajv.compile(schema);
      expect(validate(media?.example), `${type}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("documents every route file under /api/v1", () => {
    const root = fileURLToPath(new URL("../../../../apps/web/src/app/api/v1", import.meta.url));
    const files = (readdirSync(root, { recursive: true }) as string[])
      .filter((f) => f.endsWith("route.ts"))
      .map((f) => `/${path.dirname(f)}`.replace(/\[(\w+)\]/g, "{$1}"))
      .filter((p) => p !== "/[...path]" && p !== "/openapi.json");
    const paths = new Set(REST_ROUTES.map((r) => r.path));
    expect(files.filter((f) => !paths.has(f))).toEqual([]);
  });
});

describe("answers validate against the document", () => {
  let rest: ReturnType<typeof restClient>;
  beforeAll(async () => {
    const { org, user } = await createTenant("OpenAPI");
    rest = restClient(await accessTokenFor(user), { org: org.id });
  });

  it("for the task lifecycle, lists, pages and errors", async () => {
    const call = async (
      method: string,
      route: string,
      url: string,
      opts?: Parameters<typeof rest>[2],
    ) => {
      const result = await rest(method, url, opts);
      expectMatchesDocument(method, route, result);
      return result;
    };
    const project = await call("POST", "/projects", "/projects", {
      body: { name: "Docs", key: "DOC" },
    });
    expect(project.status).toBe(201);
    const projectId = (project.body as { id: string }).id;
    const task = await call("POST", "/tasks", "/tasks", {
      body: { projectId, title: "Write docs" },
    });
    expect(task.status).toBe(201);
    const taskId = (task.body as { id: string }).id;
    await call("POST", "/tasks", "/tasks", { body: { projectId, title: "Second" } });
    await call("GET", "/tasks/{id}", `/tasks/${taskId}`);
    await call("PATCH", "/tasks/{id}", `/tasks/${taskId}`, { body: { status: "IN_PROGRESS" } });
    const page = await call("GET", "/tasks", "/tasks", { query: { limit: "1", projectId } });
    const first = page.body as { items: unknown[]; next_cursor: string | null };
    expect(first.items).toHaveLength(1);
    expect(first.next_cursor).not.toBeNull();
    expect(page.headers.get("link")).toContain('rel="next"');
    const next = await call("GET", "/tasks", "/tasks", {
      query: { limit: "1", projectId, cursor: first.next_cursor ?? "" },
    });
    expect((next.body as { items: unknown[] }).items).toHaveLength(1);
    await call("GET", "/tasks", "/tasks", {
      query: { status: ["TODO", "IN_PROGRESS"], sort: "oldest" },
    });
    await call("POST", "/tasks/{taskId}/comments", `/tasks/${taskId}/comments`, {
      body: { body: "Hi" },
    });
    await call("GET", "/tasks/{taskId}/comments", `/tasks/${taskId}/comments`);
    await call("GET", "/tasks/{taskId}/activity", `/tasks/${taskId}/activity`);
    await call("GET", "/tasks/analytics", "/tasks/analytics");
    await call("POST", "/tasks/bulk", "/tasks/bulk", {
      body: { ids: [taskId], action: { type: "setStatus", status: "DONE" } },
    });
    await call("GET", "/projects", "/projects");
    await call("GET", "/projects/{id}/members", `/projects/${projectId}/members`);
    await call("GET", "/members", "/members");
    await call("GET", "/roles", "/roles");
    await call("GET", "/teams", "/teams");
    await call("GET", "/tags", "/tags");
    await call("GET", "/organization", "/organization");
    await call("GET", "/organizations", "/organizations");
    await call("GET", "/auth/me", "/auth/me");
    await call("GET", "/audit-log", "/audit-log");
    await call("GET", "/tasks/{id}/attachments", `/tasks/${taskId}/attachments`);
    await call("DELETE", "/tasks/{id}", `/tasks/${taskId}`);
    const gone = await call("GET", "/tasks/{id}", `/tasks/${taskId}`);
    expect(gone.status).toBe(404);
    const invalid = await call("POST", "/tasks", "/tasks", { body: { title: "" } });
    expect(invalid.status).toBe(422);
    // A 405 is documented on the path's operations (PUT has none to carry it).
    const wrongMethod = await rest("PUT", `/tasks/${taskId}`, { body: {} });
    expectMatchesDocument("PATCH", "/tasks/{id}", wrongMethod);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toContain("PATCH");
  });

  it("for a webhook delivery of an event the API emitted", async () => {
    const { org, user } = await createTenant("OpenAPIHooks");
    const restHooks = restClient(await accessTokenFor(user), { org: org.id });
    const project = await restHooks("POST", "/projects", { body: { name: "Hooks" } });
    await restHooks("POST", "/tasks", {
      body: { projectId: (project.body as { id: string }).id, title: "Signed" },
    });
    const { rows } = await admin.query<{
      data: { type: string; occurredAt: string; data: unknown };
    }>(`SELECT data FROM job_outbox WHERE organization_id = $1 AND name = 'event.dispatch'`, [
      org.id,
    ]);
    const events = rows.map((r) => r.data);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["project.created", "task.created"]),
    );
    for (const event of events) {
      // The body webhooks/delivery.ts sends for the event.
      const body = { type: event.type, timestamp: event.occurredAt, data: event.data };
      const schema = (doc.webhooks[event.type]?.post as unknown as Operation).requestBody?.content[
        "application/json"
      ]?.schema;
      const validate = ajv.compile(schema ?? { not: {} });
      expect(validate(body), `${event.type}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});
