import { expect, request as playwrightRequest, test } from "@playwright/test";

import { sameOrigin, signInApi } from "../../support/auth";

interface TrpcResult<T> {
  result: { data: { json: T } };
}

test("attachments upload and download over HTTP, authorized per request", async ({
  request,
  baseURL,
}) => {
  await signInApi(request);
  const projects = await request.get(
    `/api/trpc/project.list?input=${encodeURIComponent(JSON.stringify({ json: { limit: 1 } }))}`,
  );
  expect(projects.status()).toBe(200);
  const project = ((await projects.json()) as TrpcResult<{ items: { id: string }[] }>).result.data
    .json.items[0];
  expect(project).toBeDefined();

  const created = await request.post("/api/trpc/task.create", {
    headers: sameOrigin(),
    data: { json: { projectId: project?.id, title: "Attachment e2e" } },
  });
  expect(created.status()).toBe(200);
  const task = ((await created.json()) as TrpcResult<{ id: string }>).result.data.json;

  const upload = await request.post(`/api/v1/tasks/${task.id}/attachments`, {
    headers: sameOrigin(),
    multipart: {
      file: { name: "hello.txt", mimeType: "text/plain", buffer: Buffer.from("hello e2e") },
    },
  });
  expect(upload.status()).toBe(201);
  const attachment = (await upload.json()) as {
    downloadUrl: string;
    size: number;
    fileName: string;
  };
  expect(attachment).toMatchObject({ fileName: "hello.txt", size: 9 });

  const download = await request.get(attachment.downloadUrl);
  expect(download.status()).toBe(200);
  expect(await download.text()).toBe("hello e2e");
  expect(download.headers()["content-disposition"]).toBe("attachment; filename*=UTF-8''hello.txt");
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");

  const html = await request.post(`/api/v1/tasks/${task.id}/attachments`, {
    headers: sameOrigin(),
    multipart: { file: { name: "x.html", mimeType: "text/html", buffer: Buffer.from("<script>") } },
  });
  expect(html.status()).toBe(400);

  const crossSite = await request.post(`/api/v1/tasks/${task.id}/attachments`, {
    headers: { origin: "https://evil.example" },
    multipart: { file: { name: "a.txt", mimeType: "text/plain", buffer: Buffer.from("a") } },
  });
  expect(crossSite.status()).toBe(403);

  const anonymous = await playwrightRequest.newContext({ baseURL });
  const denied = await anonymous.get(attachment.downloadUrl);
  expect(denied.status()).toBe(401);
  expect(await denied.text()).not.toContain("hello e2e");
  await anonymous.dispose();

  const unknown = await request.get("/api/v1/attachments/0190f5c4-7b7e-7d3a-9a9a-1a2b3c4d5e6f");
  expect(unknown.status()).toBe(404);
});
