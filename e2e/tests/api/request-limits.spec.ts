// Bounded requests: a tRPC batch holds at most 20 calls, a JSON body at most API_MAX_BODY_BYTES (1 MiB), an upload
// at most ATTACHMENT_MAX_BYTES plus its multipart envelope. Past a limit the answer is a clear 400/413, never a 500,
// and the body is not buffered whole (a chunked body without Content-Length is cut off as well).
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "@playwright/test";

import { sameOrigin, signInApi } from "../../support/auth";

interface TrpcError {
  error: { json: { message: string; data: { code: string } } };
}

const MAX_BATCH = 20;
const JSON_LIMIT = 1024 * 1024;
const UPLOAD_LIMIT = 10 * 1024 * 1024 + 64 * 1024;

const batchOf = (n: number) =>
  `/api/trpc/${Array.from({ length: n }, () => "account.me").join(",")}?batch=1&input=${encodeURIComponent("{}")}`;

async function cookieHeader(request: APIRequestContext): Promise<string> {
  const { cookies } = await request.storageState();
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

test("a batch over 20 calls is a 400 that says so; 20 still work", async ({ request }) => {
  await signInApi(request);
  const full = await request.get(batchOf(MAX_BATCH));
  expect(full.status()).toBe(200);
  expect((await full.json()) as unknown[]).toHaveLength(MAX_BATCH);

  const over = await request.get(batchOf(MAX_BATCH + 1));
  expect(over.status()).toBe(400);
  const body = (await over.json()) as TrpcError;
  expect(body.error.json.data.code).toBe("BAD_REQUEST");
  expect(body.error.json.message).toBe("Batch call exceeds maximum size");
});

test("an oversized JSON body is a 413, declared or streamed", async ({ request, baseURL }) => {
  await signInApi(request);
  const declared = await request.post("/api/trpc/tag.create", {
    headers: { ...sameOrigin(), "content-type": "application/json" },
    data: JSON.stringify({ json: { name: "x".repeat(JSON_LIMIT), color: "#1d4ed8" } }),
  });
  expect(declared.status()).toBe(413);
  const body = (await declared.json()) as TrpcError;
  expect(body.error.json.data.code).toBe("PAYLOAD_TOO_LARGE");
  expect(body.error.json.message).toBe(
    "The request body is larger than the 1 MiB this endpoint accepts",
  );

  // Chunked: no Content-Length to check up front, the stream is cut off at the limit.
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent > 4 * JSON_LIMIT) {
        controller.close();
        return;
      }
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const streamed = await fetch(`${baseURL}/api/trpc/tag.create`, {
    method: "POST",
    headers: {
      ...sameOrigin(),
      cookie: await cookieHeader(request),
      "content-type": "application/json",
    },
    body: stream,
    duplex: "half",
  });
  expect(streamed.status).toBe(413);
  expect(((await streamed.json()) as TrpcError).error.json.data.code).toBe("PAYLOAD_TOO_LARGE");

  // Just under the limit is parsed as usual: a field error for the over-long name, not a 413.
  const fits = await request.post("/api/trpc/tag.create", {
    headers: sameOrigin(),
    data: { json: { name: "x".repeat(1000), color: "#1d4ed8" } },
  });
  expect(fits.status()).toBe(400);
  expect(((await fits.json()) as TrpcError).error.json.data.code).toBe("BAD_REQUEST");
});

test("an upload over the attachment limit is a 413 on tRPC and REST", async ({ request }) => {
  await signInApi(request);
  const projects = await request.get(
    `/api/trpc/project.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 1 } }))}`,
  );
  const projectId = (
    (await projects.json()) as { result: { data: { json: { items: { id: string }[] } } } }
  ).result.data.json.items[0]?.id;
  const created = await request.post("/api/trpc/task.create", {
    headers: sameOrigin(),
    data: { json: { projectId, title: "Too large" } },
  });
  const taskId = ((await created.json()) as { result: { data: { json: { id: string } } } }).result
    .data.json.id;
  const file = {
    name: "big.txt",
    mimeType: "text/plain",
    buffer: Buffer.alloc(UPLOAD_LIMIT + 1, "a"),
  };

  const trpc = await request.post("/api/trpc/task.attachment.upload", {
    headers: sameOrigin(),
    multipart: { taskId, file },
  });
  expect(trpc.status()).toBe(413);
  expect(((await trpc.json()) as TrpcError).error.json.message).toBe(
    "The request body is larger than the 10 MiB this endpoint accepts",
  );

  const rest = await request.post(`/api/v1/tasks/${taskId}/attachments`, {
    headers: sameOrigin(),
    multipart: { file },
  });
  expect(rest.status()).toBe(413);
  // REST answers RFC 7807 problems (docs/rest-api.md).
  expect(rest.headers()["content-type"]).toContain("application/problem+json");
  expect(await rest.json()).toMatchObject({
    status: 413,
    detail: "The request body is larger than the 10 MiB this endpoint accepts",
    requestId: rest.headers()["x-request-id"],
  });
});
