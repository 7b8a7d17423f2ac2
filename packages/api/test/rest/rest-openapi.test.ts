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
import { createTenant } from "../fixtures.ts";
import { accessTokenFor, restClient } from "./rest-client.ts";

type Json = Record<string, unknown>;
const doc = buildOpenApiDocument() as unknown as {
  paths: Record<string, Record<string, Json>>;
  components: Json;
  webhooks: Record<string, { post: Json }>;
};

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

  it("documents every event of the catalog as a webhook, with its payload schema", () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...EVENT_TYPES].sort());
    const post = doc.webhooks["task.created"]?.post as {
      parameters: { name: string }[];
      requestBody: { content: Record<string, { schema: Json }> };
    };
    expect(post.parameters.map((p) => p.name)).toEqual([
      "webhook-id",
      "webhook-timestamp",
      "webhook-signature",
    ]);
    const validate = ajv.compile(post.requestBody.content["application/json"]?.schema ?? {});
    const id = "0190a6d4-0000-7000-8000-000000000001";
    const body = {
      type: "task.created",
      timestamp: new Date().toISOString(),
      data: { task: { id, title: "T" } },
    };
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...body, type: "task.deleted" })).toBe(false);
    expect(validate({ ...body, data: {} })).toBe(false);
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
  });
});
