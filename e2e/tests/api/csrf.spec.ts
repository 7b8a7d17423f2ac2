// Cross-site request forgery over real HTTP: a page on another site can make the victim's browser POST to the API
// with the session cookie (a <form> can send multipart/form-data, text/plain or urlencoded bodies, no preflight).
// Every mutation of the router must refuse that, batched or not, whatever the body; the same calls from this site
// and with a bearer token work.
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { appRouter } from "@tenantry/api";

import { DEMO, sameOrigin, signInApi } from "../../support/auth";

interface TrpcError {
  error: { json: { message: string; data: { code: string; httpStatus: number } } };
}
interface TrpcResult<T> {
  result: { data: { json: T } };
}

const FOREIGN = "https://evil.example";
const REFUSED = /^Cross-site requests are not allowed/;

/**
 * Every mutation the router has, walked from its definition so a new one is covered without editing this spec
 * (_def.procedures is the flat "path -> procedure" map tRPC routes by).
 */
const MUTATIONS = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
)
  .filter(([, procedure]) => procedure._def.type === "mutation")
  .map(([path]) => path)
  .sort();

const trpcGet = (path: string, json: unknown) =>
  `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json }))}`;

async function expectRefused(res: Awaited<ReturnType<APIRequestContext["post"]>>, label: string) {
  expect(res.status(), label).toBe(403);
  const body = (await res.json()) as TrpcError;
  expect(body.error.json.data.code, label).toBe("FORBIDDEN");
  expect(body.error.json.message, label).toMatch(REFUSED);
}

async function firstProjectId(request: APIRequestContext): Promise<string> {
  const res = await request.get(trpcGet("project.list", { limit: 1 }));
  expect(res.status()).toBe(200);
  const id = ((await res.json()) as TrpcResult<{ items: { id: string }[] }>).result.data.json
    .items[0]?.id;
  if (!id) throw new Error("the seed has no project");
  return id;
}

async function newTask(request: APIRequestContext, title: string): Promise<string> {
  const res = await request.post("/api/trpc/task.create", {
    headers: sameOrigin(),
    data: { json: { projectId: await firstProjectId(request), title } },
  });
  expect(res.status()).toBe(200);
  return ((await res.json()) as TrpcResult<{ id: string }>).result.data.json.id;
}

test("every mutation refuses a cross-site multipart POST with the session cookie", async ({
  request,
}) => {
  expect(MUTATIONS.length).toBeGreaterThan(50);
  expect(MUTATIONS).toContain("organization.archive");
  expect(MUTATIONS).toContain("task.attachment.upload");
  await signInApi(request);
  const before = await request.get(trpcGet("organization.current", {}));
  expect(before.status()).toBe(200);
  const organization = ((await before.json()) as TrpcResult<{ id: string; status: string }>).result
    .data.json;
  expect(organization.status).toBe("ACTIVE");

  for (const path of MUTATIONS) {
    const res = await request.post(`/api/trpc/${path}`, {
      headers: { origin: FOREIGN },
      multipart: { id: organization.id, confirmation: "archive", name: "planted" },
    });
    await expectRefused(res, path);
  }

  // Nothing ran: the organization is still active and this session still works.
  const after = await request.get(trpcGet("organization.current", {}));
  expect(after.status()).toBe(200);
  expect(((await after.json()) as TrpcResult<{ status: string }>).result.data.json.status).toBe(
    "ACTIVE",
  );
  expect((await request.get(trpcGet("account.me", {}))).status()).toBe(200);
});

test("every way of not being this site is refused, in any content type and in batches", async ({
  request,
}) => {
  await signInApi(request);
  const tagName = `csrf-${Date.now().toString(36)}`;
  const json = { json: { name: tagName, color: "#1d4ed8" } };
  const cases: [string, Parameters<APIRequestContext["post"]>[1]][] = [
    ["foreign Origin, JSON", { headers: { origin: FOREIGN }, data: json }],
    ["Origin: null", { headers: { origin: "null" }, data: json }],
    ["no Origin and no Sec-Fetch-Site", { data: json }],
    [
      "no Origin, Sec-Fetch-Site: same-site",
      { headers: { "sec-fetch-site": "same-site" }, data: json },
    ],
    [
      "this site's Origin but Sec-Fetch-Site: cross-site",
      { headers: { ...sameOrigin(), "sec-fetch-site": "cross-site" }, data: json },
    ],
    [
      "foreign Origin, text/plain form",
      {
        headers: { origin: FOREIGN, "content-type": "text/plain" },
        data: JSON.stringify(json),
      },
    ],
    ["foreign Origin, urlencoded form", { headers: { origin: FOREIGN }, form: { name: tagName } }],
    [
      "foreign Origin, streaming Accept",
      { headers: { origin: FOREIGN, accept: "application/jsonl" }, data: json },
    ],
  ];
  for (const [label, options] of cases) {
    await expectRefused(await request.post("/api/trpc/tag.create", options), label);
  }

  // A batch: each call answers FORBIDDEN.
  const batch = await request.post("/api/trpc/tag.create,organization.archive?batch=1", {
    headers: { origin: FOREIGN },
    data: { 0: json, 1: { json: {} } },
  });
  expect(batch.status()).toBe(403);
  const answers = (await batch.json()) as TrpcError[];
  expect(answers.map((answer) => answer.error.json.data.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);

  // None of them created the tag.
  const tags = await request.get(trpcGet("tag.list", {}));
  expect(tags.status()).toBe(200);
  expect(JSON.stringify(await tags.json())).not.toContain(tagName);

  // Reads stay possible from anywhere: their answers are unreadable cross-site (no CORS) and change nothing.
  const read = await request.get(trpcGet("account.me", {}), { headers: { origin: FOREIGN } });
  expect(read.status()).toBe(200);
});

test("the same mutations work from this site, and with a bearer token from anywhere", async ({
  request,
  playwright,
  baseURL,
}) => {
  await signInApi(request);
  const taskId = await newTask(request, "CSRF same-origin");

  // JSON from this site; without Origin but with Sec-Fetch-Site: same-origin (what a browser may send).
  const tagName = `csrf-ok-${Date.now().toString(36)}`;
  const tag = await request.post("/api/trpc/tag.create", {
    headers: sameOrigin(),
    data: { json: { name: tagName, color: "#1d4ed8" } },
  });
  expect(tag.status()).toBe(200);
  const renamed = await request.post("/api/trpc/tag.create", {
    headers: { "sec-fetch-site": "same-origin" },
    data: { json: { name: `${tagName}-2`, color: "#15803d" } },
  });
  expect(renamed.status()).toBe(200);

  // Multipart from this site: the attachment upload (the mutation the attack planted files with).
  const upload = await request.post("/api/trpc/task.attachment.upload", {
    headers: sameOrigin(),
    multipart: {
      taskId,
      file: { name: "same-site.txt", mimeType: "text/plain", buffer: Buffer.from("ok") },
    },
  });
  expect(upload.status()).toBe(200);
  expect(
    ((await upload.json()) as TrpcResult<{ fileName: string }>).result.data.json.fileName,
  ).toBe("same-site.txt");

  // A token client: no cookie involved, so any Origin (or none) is fine.
  const token = await playwright.request.newContext({ baseURL });
  const login = await token.post("/api/auth/token", { data: DEMO });
  expect(login.status()).toBe(200);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const bearerUpload = await token.post("/api/trpc/task.attachment.upload", {
    headers: { authorization: `Bearer ${accessToken}`, origin: FOREIGN },
    multipart: {
      taskId,
      file: { name: "bearer.txt", mimeType: "text/plain", buffer: Buffer.from("ok") },
    },
  });
  expect(bearerUpload.status()).toBe(200);
  const bearerJson = await token.post("/api/trpc/tag.create", {
    headers: { authorization: `Bearer ${accessToken}` },
    data: { json: { name: `${tagName}-bearer`, color: "#b91c1c" } },
  });
  expect(bearerJson.status()).toBe(200);
  await token.dispose();
});

test("the REST upload refuses Origin: null and a missing Origin with 403, not 500", async ({
  request,
  playwright,
  baseURL,
}) => {
  await signInApi(request);
  const taskId = await newTask(request, "CSRF REST");
  const file = { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("a") };
  for (const [label, headers] of [
    ["Origin: null", { origin: "null" }],
    ["no Origin", {}],
    ["foreign Origin", { origin: FOREIGN }],
    ["Sec-Fetch-Site: cross-site", { ...sameOrigin(), "sec-fetch-site": "cross-site" }],
  ] as const) {
    const res = await request.post(`/api/v1/tasks/${taskId}/attachments`, {
      headers,
      multipart: { file },
    });
    expect(res.status(), label).toBe(403);
    // REST answers are RFC 7807 problems (packages/api/src/rest/problem.ts).
    expect(res.headers()["content-type"], label).toBe("application/problem+json");
    const body = (await res.json()) as { status: number; title: string; detail: string };
    expect(body.status, label).toBe(403);
    expect(body.title, label).toBe("Forbidden");
    expect(body.detail, label).toMatch(REFUSED);
  }
  const ok = await request.post(`/api/v1/tasks/${taskId}/attachments`, {
    headers: sameOrigin(),
    multipart: { file },
  });
  expect(ok.status()).toBe(201);

  const token = await playwright.request.newContext({ baseURL });
  const login = await token.post("/api/auth/token", { data: DEMO });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const bearer = await token.post(`/api/v1/tasks/${taskId}/attachments`, {
    headers: { authorization: `Bearer ${accessToken}` },
    multipart: { file },
  });
  expect(bearer.status()).toBe(201);
  await token.dispose();
});
