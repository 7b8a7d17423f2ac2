// A job carries the id of the request that caused it: from the actor (or the request context) into the outbox row,
// through the queue, onto the worker's log lines — and the runtime counts what it ran in /metrics, with the queue's
// depth read at scrape time.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { withTenantTransaction } from "@tenantry/db";

import type { JobsRuntime } from "./runtime.ts";
import { createTenant, db } from "../../test/fixtures.ts";
import { renderMetrics } from "../observability/metrics.ts";
import { runWithRequestContext } from "../observability/request-context.ts";
import { JOB_DEFINITIONS } from "./definitions.ts";
import { emitEvent } from "./outbox.ts";
import { startJobs } from "./runtime.ts";

const lines: Record<string, unknown>[] = [];
const log = {
  info: (obj: object, msg: string) => lines.push({ ...obj, msg }),
  error: (obj: object, msg: string) => lines.push({ ...obj, msg }),
};
let runtime: JobsRuntime;

beforeAll(async () => {
  runtime = await startJobs({
    db,
    queueUrl: inject("database").adminUrl,
    definitions: JOB_DEFINITIONS,
    log,
    schedules: false,
    relayIntervalMs: 100,
  });
});
afterAll(async () => {
  await runtime.stop(2_000);
});

async function jobDoneFor(organizationId: string) {
  await expect
    .poll(
      () =>
        lines.find(
          (l) =>
            l.msg === "job done" &&
            l.queue === "event.dispatch" &&
            l.organizationId === organizationId,
        ),
      { timeout: 50_000, interval: 100 },
    )
    .toBeTruthy();
  return lines.find((l) => l.msg === "job done" && l.organizationId === organizationId);
}

// Generous: the queue polls every 500 ms, but a loaded CI machine has been seen to take tens of seconds.
describe("jobs and request ids", { timeout: 60_000 }, () => {
  it("the job's log line names the request that enqueued it (from the actor)", async () => {
    const { org, user } = await createTenant("Req id");
    const actor = {
      userId: user.id,
      organizationId: org.id,
      request: { requestId: "req-actor-1", ip: "", userAgent: "" },
    };
    await withTenantTransaction(db, { ...actor, role: "OWNER" }, (tx) =>
      emitEvent(tx, actor, "project.created", { project: { id: org.id, name: "P" } }),
    );
    const done = await jobDoneFor(org.id);
    expect(done).toMatchObject({ requestId: "req-actor-1" });
    expect(typeof done?.jobId).toBe("string");
  });

  it("falls back to the request context when the actor carries none", async () => {
    const { org, user } = await createTenant("Req ctx");
    const actor = { userId: user.id, organizationId: org.id };
    await runWithRequestContext({ requestId: "req-context-2", routes: [] }, () =>
      withTenantTransaction(db, { ...actor, role: "OWNER" }, (tx) =>
        emitEvent(tx, actor, "project.created", { project: { id: org.id, name: "P" } }),
      ),
    );
    expect(await jobDoneFor(org.id)).toMatchObject({ requestId: "req-context-2" });
  });

  it("counts finished jobs and reports the queue depth in the metrics", async () => {
    const text = (await renderMetrics()).body;
    expect(text).toMatch(/tenantry_jobs_completed_total\{queue="event\.dispatch"\} [1-9]/);
    expect(text).toMatch(
      /tenantry_job_duration_seconds_count\{queue="event\.dispatch",outcome="done"\} [1-9]/,
    );
    expect(text).toContain("# TYPE tenantry_job_queue_depth gauge");
  });
});
