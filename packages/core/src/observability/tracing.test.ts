// Job spans: with an OTLP endpoint configured, the worker runs every job in a span, and a job queued by a request
// carries that request's trace context through the outbox and the queue, so its span is a child of the request's. A
// job that throws ends its span as an error and counts in the failures metric.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { withTenantTransaction } from "@tenantry/db";

import type { OtlpReceiver } from "../../test/otlp-receiver.ts";
import type { JobDefinition } from "../jobs/registry.ts";
import type { JobsRuntime } from "../jobs/runtime.ts";
import type { Tracing } from "./tracing.ts";
import { createTenant, db } from "../../test/fixtures.ts";
import { startOtlpReceiver } from "../../test/otlp-receiver.ts";
import { JOB_DEFINITIONS } from "../jobs/definitions.ts";
import { emitEvent } from "../jobs/outbox.ts";
import { startJobs } from "../jobs/runtime.ts";
import { renderMetrics } from "./metrics.ts";
import { runWithRequestContext } from "./request-context.ts";
import { startTracing } from "./tracing-start.ts";
import { startRequestSpan, withTraceContext } from "./tracing.ts";

const quiet = { info: () => undefined, error: () => undefined };
const FAILING_JOB = "test.always-fails";
const failing: JobDefinition = {
  kind: "system",
  name: FAILING_JOB,
  retry: { retryLimit: 0, retryDelay: 1, retryBackoff: false },
  run: () => Promise.reject(new Error("the job failed on purpose")),
};
let receiver: OtlpReceiver;
let tracing: Tracing | null;
let runtime: JobsRuntime;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tracing = await startTracing({
    service: "tenantry-worker",
    config: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces` },
    immediate: true,
  });
  runtime = await startJobs({
    db,
    queueUrl: inject("database").adminUrl,
    definitions: [...JOB_DEFINITIONS, failing],
    log: quiet,
    schedules: false,
    relayIntervalMs: 100,
  });
});
afterAll(async () => {
  await runtime.stop(2_000);
  await tracing?.shutdown();
  await receiver.close();
});

describe("job traces", { timeout: 60_000 }, () => {
  it("runs a queued job in a span that is a child of the request that queued it", async () => {
    const { org, user } = await createTenant("Traced");
    const actor = { userId: user.id, organizationId: org.id };
    const request = startRequestSpan("POST", {}, { "tenantry.request_id": "req-job-trace" });
    expect(request).not.toBeNull();
    await withTraceContext(request?.context, () =>
      runWithRequestContext({ requestId: "req-job-trace", routes: [] }, () =>
        withTenantTransaction(db, { ...actor, role: "OWNER" }, (tx) =>
          emitEvent(tx, actor, "project.created", { project: { id: org.id, name: "P" } }),
        ),
      ),
    );
    request?.span.end();
    const requestSpan = request?.span.spanContext();

    await expect
      .poll(
        async () => {
          await tracing?.forceFlush();
          return receiver.spans.find(
            (s) => s.name === "job event.dispatch" && s.traceId === requestSpan?.traceId,
          );
        },
        { timeout: 50_000, interval: 200 },
      )
      .toBeTruthy();
    const job = receiver.spans.find(
      (s) => s.name === "job event.dispatch" && s.traceId === requestSpan?.traceId,
    );
    expect(job).toMatchObject({
      service: "tenantry-worker",
      kind: 5, // CONSUMER
      parentSpanId: requestSpan?.spanId,
      attributes: { "messaging.destination.name": "event.dispatch" },
    });
    expect(typeof job?.attributes["messaging.message.id"]).toBe("string");
    expect(job?.statusCode).not.toBe(2);
  });

  it("ends a failing job's span as an error and counts the failure", async () => {
    await runtime.boss.send(FAILING_JOB, {});
    await expect
      .poll(
        async () => {
          await tracing?.forceFlush();
          return receiver.spans.find((s) => s.name === `job ${FAILING_JOB}`);
        },
        { timeout: 50_000, interval: 200 },
      )
      .toMatchObject({ statusCode: 2, parentSpanId: undefined });
    const { body } = await renderMetrics();
    expect(body).toMatch(/^tenantry_jobs_failed_total\{queue="test\.always-fails"\} 1$/m);
    expect(body).toMatch(
      /^tenantry_job_duration_seconds_count\{queue="test\.always-fails",outcome="failed"\} 1$/m,
    );
  });
});
