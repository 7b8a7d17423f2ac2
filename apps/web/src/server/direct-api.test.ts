// Bearer-token tRPC calls answered by the web server itself (direct-api.ts), around the real endpoint code and a real
// database: which requests take this path, and that their answers keep what Next.js's path gives them — the security
// headers, the request id, tRPC's error shape and status, the body and batch caps, the log line naming the procedure.
import { Writable } from "node:stream";
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TestDatabase } from "@tenantry/db/testing";
import { createLogger } from "@tenantry/core/observability/logger";
import { createDb } from "@tenantry/db";
import { provisionTestDatabase } from "@tenantry/db/testing";

import { handleDirectApi, isDirectApiRequest } from "./direct-api";
import { createWebServer } from "./http-server";

const lines: { msg: string; route?: string; status?: number; requestId?: string }[] = [];
let database: TestDatabase;
let db: ReturnType<typeof createDb>;
let base = "";
let server: Server;

beforeAll(async () => {
  database = await provisionTestDatabase({ label: "direct_api" });
  db = createDb({ connectionString: database.appUrl, poolMax: 2 });
  // The process-wide client getDb() hands out (packages/db/src/client.ts), as server.ts's first getDb() creates it.
  (globalThis as unknown as { tenantryDb?: typeof db }).tenantryDb = db;
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
        lines.push(JSON.parse(line) as (typeof lines)[number]);
      }
      done();
    },
  });
  const web = createWebServer({
    log: createLogger("web", { level: "info", destination }),
    handle: (req, res) => {
      if (isDirectApiRequest(req)) return handleDirectApi(req, res);
      res.writeHead(299, { "content-type": "text/plain" }).end("next.js");
      return Promise.resolve();
    },
  });
  server = web.server;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  delete (globalThis as unknown as { tenantryDb?: unknown }).tenantryDb;
  await db.$disconnect();
  await database.drop();
});

const message = (method: string, url: string, authorization?: string) =>
  ({ method, url, headers: authorization ? { authorization } : {} }) as IncomingMessage;

describe("isDirectApiRequest", () => {
  it("takes GET and POST tRPC calls with a bearer token, and nothing else", () => {
    expect(isDirectApiRequest(message("GET", "/api/trpc/task.list?input=x", "Bearer abc"))).toBe(
      true,
    );
    expect(isDirectApiRequest(message("POST", "/api/trpc/task.create", "Bearer abc"))).toBe(true);
    // A browser call (the cookie, no bearer) goes to Next.js, where next-auth reads the cookie.
    expect(isDirectApiRequest(message("GET", "/api/trpc/task.list"))).toBe(false);
    expect(isDirectApiRequest(message("GET", "/api/trpc/task.list", "Basic abc"))).toBe(false);
    expect(isDirectApiRequest(message("PUT", "/api/trpc/task.create", "Bearer abc"))).toBe(false);
    expect(isDirectApiRequest(message("GET", "/api/v1/projects", "Bearer abc"))).toBe(false);
    expect(isDirectApiRequest(message("GET", "/api/trpcx/task.list", "Bearer abc"))).toBe(false);
  });
});

describe("a bearer tRPC call answered by the web server", () => {
  it("answers an invalid token 401 in tRPC's shape, with the security headers and the request id", async () => {
    const res = await fetch(`${base}/api/trpc/task.list?input=${encodeURIComponent("{}")}`, {
      headers: {
        authorization: "Bearer not-a-token",
        "x-request-id": "direct-api-test-1",
        "x-forwarded-proto": "https",
      },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("x-request-id")).toBe("direct-api-test-1");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("strict-transport-security")).toContain("max-age=");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const body = (await res.json()) as { error: { json: { data: Record<string, unknown> } } };
    expect(body.error.json.data).toMatchObject({
      code: "UNAUTHORIZED",
      httpStatus: 401,
      requestId: "direct-api-test-1",
    });
    await expect
      .poll(() => lines.find((l) => l.requestId === "direct-api-test-1"))
      .toMatchObject({
        msg: "request",
        route: "task.list",
        status: 401,
      });
  });

  it("sends HSTS only over HTTPS", async () => {
    const res = await fetch(`${base}/api/trpc/task.list`, {
      headers: { authorization: "Bearer not-a-token" },
    });
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("refuses a body over the cap with 413 and a batch over the cap with 400", async () => {
    const big = await fetch(`${base}/api/trpc/task.create`, {
      method: "POST",
      headers: { authorization: "Bearer not-a-token", "content-type": "application/json" },
      body: JSON.stringify({ json: { title: "x".repeat(2 * 1024 * 1024) } }),
    });
    expect(big.status).toBe(413);
    expect(big.headers.get("connection")).toBe("close");
    const batch = Array.from({ length: 21 }, () => "task.list").join(",");
    const tooMany = await fetch(`${base}/api/trpc/${batch}?batch=1&input=%7B%7D`, {
      headers: { authorization: "Bearer not-a-token" },
    });
    expect(tooMany.status).toBe(400);
  });

  it("writes a single answer in one piece and a streamed batch as it comes", async () => {
    const single = await fetch(`${base}/api/trpc/task.list?input=${encodeURIComponent("{}")}`, {
      headers: { authorization: "Bearer not-a-token" },
    });
    const text = await single.text();
    expect(single.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(single.headers.get("transfer-encoding")).toBeNull();
    const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: {} }));
    const streamed = await fetch(`${base}/api/trpc/task.list,project.list?batch=1&input=${input}`, {
      headers: { authorization: "Bearer not-a-token", "trpc-accept": "application/jsonl" },
    });
    // A streamed batch answers 200 whatever its calls do; each call's error is a line of its own.
    expect(streamed.status).toBe(200);
    expect(streamed.headers.get("transfer-encoding")).toBe("chunked");
    expect(streamed.headers.get("x-frame-options")).toBe("DENY");
    const body = await streamed.text();
    expect(body.split("\n").filter(Boolean).length).toBeGreaterThan(1);
    expect(body).toContain("UNAUTHORIZED");
  });

  it("leaves a call without a bearer token to Next.js", async () => {
    const res = await fetch(`${base}/api/trpc/task.list`, { headers: { cookie: "a=b" } });
    expect(res.status).toBe(299);
    expect(await res.text()).toBe("next.js");
  });
});
