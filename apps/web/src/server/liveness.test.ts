// /api/health answered at the web server's edge (liveness.ts), through the real edge (http-server.ts): which requests
// take this path, and that the answer keeps what the route file's answer through Next.js carries — the body,
// no-store, the security headers (HSTS over HTTPS only), the request id, the log line and the request metrics.
import { Writable } from "node:stream";
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createLogger } from "@tenantry/core/observability/logger";
import { renderMetrics } from "@tenantry/core/observability/metrics";

import { createWebServer } from "./http-server";
import { answerLiveness, isLivenessRequest } from "./liveness";

const lines: { msg: string; route?: string; status?: number; requestId?: string }[] = [];
let base = "";
let server: Server;

beforeAll(async () => {
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
      if (isLivenessRequest(req)) return answerLiveness(req, res);
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
});

const message = (method: string, url: string) => ({ method, url, headers: {} }) as IncomingMessage;

describe("isLivenessRequest", () => {
  it("takes GET and HEAD of /api/health, and nothing else", () => {
    expect(isLivenessRequest(message("GET", "/api/health"))).toBe(true);
    expect(isLivenessRequest(message("GET", "/api/health?probe=1"))).toBe(true);
    expect(isLivenessRequest(message("HEAD", "/api/health"))).toBe(true);
    // Next.js answers these as it did: 405, its trailing-slash redirect, a 404.
    expect(isLivenessRequest(message("POST", "/api/health"))).toBe(false);
    expect(isLivenessRequest(message("GET", "/api/health/"))).toBe(false);
    expect(isLivenessRequest(message("GET", "/api/healthz"))).toBe(false);
    expect(isLivenessRequest(message("GET", "/api/ready"))).toBe(false);
  });
});

describe("/api/health at the edge", () => {
  it("answers {status: ok}, not stored, with the security headers, the request id and a log line", async () => {
    const res = await fetch(`${base}/api/health`, {
      headers: { "x-request-id": "liveness-test-1", origin: "https://evil.example" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-request-id")).toBe("liveness-test-1");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(await res.json()).toEqual({ status: "ok" });
    await expect
      .poll(() => lines.find((l) => l.requestId === "liveness-test-1"))
      .toMatchObject({ msg: "request", route: "/api/health", status: 200 });
    expect((await renderMetrics()).body).toMatch(
      /tenantry_http_requests_total\{method="GET",route="\/api\/health",status="200"\} 1/,
    );
  });

  it("sends HSTS over HTTPS, and a HEAD gets the headers without a body", async () => {
    const https = await fetch(`${base}/api/health`, { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toBe(
      "max-age=31536000; includeSubDomains",
    );
    const head = await fetch(`${base}/api/health`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-type")).toBe("application/json");
    expect(await head.text()).toBe("");
  });

  it("leaves every other request to Next.js", async () => {
    const post = await fetch(`${base}/api/health`, { method: "POST" });
    expect(post.status).toBe(299);
    expect(await post.text()).toBe("next.js");
  });
});
