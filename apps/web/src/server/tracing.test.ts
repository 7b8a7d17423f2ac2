// Traces of the HTTP edge, exported to a real OTLP/HTTP receiver on loopback: off (nothing sent, no span) without an
// endpoint; with one, a server span per request named and labelled by its route, status and request id, a child of
// the caller's `traceparent`.
import type { AddressInfo } from "node:net";
import { trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { OtlpReceiver } from "@tenantry/core/testing/otlp-receiver";
import { createLogger } from "@tenantry/core/observability/logger";
import { annotateActor, annotateRoute } from "@tenantry/core/observability/request-context";
import { tracingEnabled } from "@tenantry/core/observability/tracing";
import { startTracing } from "@tenantry/core/observability/tracing-start";
import { startOtlpReceiver } from "@tenantry/core/testing/otlp-receiver";

import type { RequestHandler } from "./http-server";
import { createWebServer } from "./http-server";

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(async () => {
  await receiver.close();
});

async function serve(handle: RequestHandler) {
  const web = createWebServer({ log: createLogger("web", { level: "silent" }), handle });
  await new Promise<void>((resolve) => web.server.listen(0, "127.0.0.1", resolve));
  const { port } = web.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => web.server.close(() => resolve())),
  };
}

const handler: RequestHandler = (req, res) => {
  const recording = trace.getActiveSpan()?.isRecording() ?? false;
  if (req.url?.startsWith("/api/trpc/")) {
    annotateRoute("project.create");
    annotateActor({ organizationId: "0190f3a4-0000-7000-8000-00000000000a", apiKeyId: null });
    res.writeHead(201, { "x-recording": String(recording) }).end("{}");
  } else res.writeHead(503, { "x-recording": String(recording) }).end();
  return Promise.resolve();
};

// In order: the first test runs before any provider is registered in this process.
describe("OpenTelemetry traces of the HTTP edge", () => {
  it("exports nothing and records no span when no OTLP endpoint is configured", async () => {
    expect(await startTracing({ service: "tenantry-web", config: {} })).toBeNull();
    expect(tracingEnabled()).toBe(false);
    const web = await serve(handler);
    const res = await fetch(`${web.base}/api/trpc/project.create`, { method: "POST" });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-recording")).toBe("false");
    await web.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.requests).toEqual([]);
  });

  it("exports a span per request with its route, status and request id, under the caller's trace", async () => {
    const tracing = await startTracing({
      service: "tenantry-web",
      config: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
      immediate: true,
    });
    expect(tracing?.endpoint).toBe(`${receiver.url}/v1/traces`);
    const web = await serve(handler);
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const res = await fetch(`${web.base}/api/trpc/project.create?batch=1`, {
      method: "POST",
      headers: {
        "x-request-id": "req-trace-1",
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-recording")).toBe("true");
    const failing = await fetch(`${web.base}/api/ready`);
    expect(failing.status).toBe(503);
    await web.close();
    await tracing?.forceFlush();

    await expect.poll(() => receiver.spans.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const [created, ready] = [
      receiver.spans.find((s) => s.name === "POST project.create"),
      receiver.spans.find((s) => s.name === "GET /api/ready"),
    ];
    expect(receiver.requests[0]?.contentType).toContain("application/json");
    expect(created).toMatchObject({
      service: "tenantry-web",
      scope: "tenantry",
      kind: 2, // SERVER
      traceId,
      parentSpanId: "00f067aa0ba902b7",
      attributes: {
        "http.request.method": "POST",
        "http.route": "project.create",
        "http.response.status_code": 201,
        "url.path": "/api/trpc/project.create",
        "tenantry.request_id": "req-trace-1",
        "tenantry.organization_id": "0190f3a4-0000-7000-8000-00000000000a",
      },
    });
    // The query (a tRPC GET's input) is not in the span.
    expect(JSON.stringify(created)).not.toContain("batch=1");
    expect(ready?.attributes).toMatchObject({
      "http.route": "/api/ready",
      "http.response.status_code": 503,
    });
    expect(ready?.statusCode).toBe(2); // ERROR
    expect(ready?.parentSpanId).toBeUndefined();
    expect(typeof ready?.attributes["tenantry.request_id"]).toBe("string");

    await tracing?.shutdown();
    expect(tracingEnabled()).toBe(false);
  });
});
