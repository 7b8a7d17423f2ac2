// Jobs and webhooks end to end on the real queue: two worker runtimes (pg-boss) against the test database, a real
// HTTP receiver on loopback, deliveries signed and checked with the standardwebhooks reference library.
import { createServer } from "node:http";
import type { IncomingHttpHeaders, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { withTenantTransaction } from "@tenantry/db";

import type { JobsRuntime } from "../jobs/runtime.ts";
import {
  addMember,
  admin,
  createProjectRow,
  createTenant,
  createUser,
  db,
} from "../../test/fixtures.ts";
import { JOB_DEFINITIONS } from "../jobs/definitions.ts";
import { emitEvent } from "../jobs/outbox.ts";
import { inJobTenant } from "../jobs/registry.ts";
import { startJobs } from "../jobs/runtime.ts";
import { createEndpoint, redeliver, rotateSecret, sendTestEvent } from "./endpoints.ts";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver answering each request with the next status of `statuses` (the last one repeats). */
async function startReceiver(statuses: number[] = [200]) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      res.end("ok from receiver");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const quietLog = {
  info: () => undefined,
  error: (obj: object, msg: string) => console.error(msg, obj),
};
const workers: JobsRuntime[] = [];

beforeAll(async () => {
  const { adminUrl } = inject("database");
  // Two workers, as two processes would run them: each has its own queue connection and relay.
  for (let i = 0; i < 2; i++) {
    workers.push(
      await startJobs({
        db,
        queueUrl: adminUrl,
        definitions: JOB_DEFINITIONS,
        log: quietLog,
        schedules: false,
        relayIntervalMs: 100,
      }),
    );
  }
});
afterAll(async () => {
  for (const w of workers) await w.stop();
});

async function until<T>(
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function tenantWithEndpoint(url: string, eventTypes = ["project.created" as const]) {
  const { org, user } = await createTenant("Hooks");
  const actor = { userId: user.id, organizationId: org.id };
  const created = await withTenantTransaction(
    db,
    { userId: user.id, organizationId: org.id, role: "OWNER" },
    (tx) => createEndpoint(tx, actor, { url, description: "test", eventTypes: [...eventTypes] }),
  );
  return { org, user, actor, endpoint: created.endpoint, secret: created.secret };
}

const inTenant = <T>(
  actor: { userId: string; organizationId: string },
  fn: Parameters<typeof withTenantTransaction<T>>[2],
) => withTenantTransaction(db, { ...actor, role: "OWNER" }, fn);

describe("transactional outbox", () => {
  it("a rolled-back change enqueues nothing; a committed one enqueues its job", async () => {
    const { org, user } = await createTenant("Outbox");
    const actor = { userId: user.id, organizationId: org.id };
    await expect(
      inTenant(actor, async (tx) => {
        await emitEvent(tx, actor, "project.created", { project: { id: org.id, name: "Nope" } });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const outbox = await admin.query("SELECT 1 FROM job_outbox WHERE organization_id = $1", [
      org.id,
    ]);
    expect(outbox.rowCount).toBe(0);
    const queued = await admin.query(
      "SELECT 1 FROM pgboss.job WHERE name = 'event.dispatch' AND data->>'organizationId' = $1",
      [org.id],
    );
    expect(queued.rowCount).toBe(0);

    await inTenant(actor, (tx) =>
      emitEvent(tx, actor, "project.created", { project: { id: org.id, name: "Yes" } }),
    );
    const relayed = await until(async () => {
      const r = await admin.query<{ state: string }>(
        "SELECT state::text AS state FROM pgboss.job WHERE name = 'event.dispatch' AND data->>'organizationId' = $1",
        [org.id],
      );
      return r.rowCount === 1 && r.rows;
    });
    expect(relayed).toHaveLength(1);
    const left = await admin.query("SELECT 1 FROM job_outbox WHERE organization_id = $1", [org.id]);
    expect(left.rowCount).toBe(0);
  });

  it("a job sees only its own organization's rows", async () => {
    const a = await createTenant("Job A");
    const b = await createTenant("Job B");
    const projectA = await createProjectRow(a.org.id, "A's");
    const projectB = await createProjectRow(b.org.id, "B's");
    const job = { organizationId: a.org.id, actor: { userId: a.user.id, apiKeyId: null } };
    const seen = await inJobTenant(db, job, (tx) => tx.project.findMany({ select: { id: true } }));
    expect(seen.map((p) => p.id)).toEqual([projectA]);
    const asked = await inJobTenant(db, job, (tx) =>
      tx.project.findMany({ where: { id: projectB }, select: { id: true } }),
    );
    expect(asked).toEqual([]);
  });
});

describe("webhook deliveries", () => {
  it("delivers a committed event exactly once with two workers, signed, and logs it", async () => {
    const receiver = await startReceiver();
    try {
      const { actor, endpoint, secret, org } = await tenantWithEndpoint(receiver.url);
      const project = { id: await createProjectRow(org.id, "Signed"), name: "Signed" };
      await inTenant(actor, (tx) => emitEvent(tx, actor, "project.created", { project }));
      await until(() => Promise.resolve(receiver.received.length > 0));
      // Both workers polled meanwhile; give a duplicate the time to show up.
      await new Promise((r) => setTimeout(r, 1500));
      expect(receiver.received).toHaveLength(1);
      const [request] = receiver.received;
      if (!request) throw new Error("no request");
      const verified = new Webhook(secret).verify(request.body, {
        "webhook-id": String(request.headers["webhook-id"]),
        "webhook-timestamp": String(request.headers["webhook-timestamp"]),
        "webhook-signature": String(request.headers["webhook-signature"]),
      });
      expect(verified).toEqual({
        type: "project.created",
        timestamp: expect.any(String) as string,
        data: { project },
      });
      const log = await until(async () => {
        const r = await admin.query<{
          status: string;
          attempt_count: number;
          response_status: number;
          response_body: string;
        }>(
          `SELECT d.status, d.attempt_count, a.response_status, a.response_body
           FROM webhook_deliveries d JOIN webhook_attempts a ON a.delivery_id = d.id
           WHERE d.endpoint_id = $1`,
          [endpoint.id],
        );
        return r.rows[0]?.status === "SUCCEEDED" && r.rows;
      });
      expect(log).toEqual([
        {
          status: "SUCCEEDED",
          attempt_count: 1,
          response_status: 200,
          response_body: "ok from receiver",
        },
      ]);
    } finally {
      await receiver.close();
    }
  });

  it("signs with both the new and the previous secret after a rotation", async () => {
    const receiver = await startReceiver();
    try {
      const { actor, endpoint, secret: oldSecret } = await tenantWithEndpoint(receiver.url);
      const rotated = await inTenant(actor, (tx) => rotateSecret(tx, actor, endpoint.id));
      await inTenant(actor, (tx) => sendTestEvent(tx, actor, endpoint.id));
      await until(() => Promise.resolve(receiver.received.length > 0));
      const [request] = receiver.received;
      if (!request) throw new Error("no request");
      const headers = {
        "webhook-id": String(request.headers["webhook-id"]),
        "webhook-timestamp": String(request.headers["webhook-timestamp"]),
        "webhook-signature": String(request.headers["webhook-signature"]),
      };
      expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
      for (const secret of [oldSecret, rotated.secret]) {
        expect(new Webhook(secret).verify(request.body, headers)).toMatchObject({
          type: "webhook.test",
        });
      }
      expect(() =>
        new Webhook(`whsec_${Buffer.alloc(32, 1).toString("base64")}`).verify(
          request.body,
          headers,
        ),
      ).toThrow();
    } finally {
      await receiver.close();
    }
  });

  it("retries a failed attempt with backoff, then succeeds; a redelivery keeps the webhook-id", async () => {
    const receiver = await startReceiver([500, 200]);
    try {
      const { actor, endpoint } = await tenantWithEndpoint(receiver.url);
      const { deliveryId } = await inTenant(actor, (tx) => sendTestEvent(tx, actor, endpoint.id));
      await until(() => Promise.resolve(receiver.received.length >= 2));
      const attempts = await until(async () => {
        const r = await admin.query<{ attempt: number; response_status: number; created_at: Date }>(
          "SELECT attempt, response_status, created_at FROM webhook_attempts WHERE delivery_id = $1 ORDER BY attempt",
          [deliveryId],
        );
        return r.rowCount === 2 && r.rows;
      });
      expect(attempts.map((a) => [a.attempt, a.response_status])).toEqual([
        [1, 500],
        [2, 200],
      ]);
      // The first retry waits the base delay (200 ms here) ± 20 %.
      const [first, second] = attempts;
      expect(
        (second?.created_at.getTime() ?? 0) - (first?.created_at.getTime() ?? 0),
      ).toBeGreaterThanOrEqual(150);

      await inTenant(actor, (tx) => redeliver(tx, actor, { endpointId: endpoint.id, deliveryId }));
      await until(() => Promise.resolve(receiver.received.length >= 3));
      const ids = new Set(receiver.received.map((r) => r.headers["webhook-id"]));
      expect(ids.size).toBe(1);
    } finally {
      await receiver.close();
    }
  });

  it("disables an endpoint that answers 410 Gone, tells the admins and emits webhook.endpoint_disabled", async () => {
    const receiver = await startReceiver([410]);
    try {
      const { actor, endpoint, org, user: owner } = await tenantWithEndpoint(receiver.url);
      const [adminUser, member] = [await createUser(), await createUser()];
      await addMember(org.id, adminUser.id, "ADMIN");
      await addMember(org.id, member.id, "MEMBER");
      await inTenant(actor, (tx) => sendTestEvent(tx, actor, endpoint.id));
      const row = await until(async () => {
        const r = await admin.query<{ enabled: boolean; disabled_reason: string | null }>(
          "SELECT enabled, disabled_reason FROM webhook_endpoints WHERE id = $1",
          [endpoint.id],
        );
        return r.rows[0]?.enabled === false && r.rows[0];
      });
      expect(row.disabled_reason).toBe("The endpoint answered 410 Gone");
      const emitted = await until(async () => {
        const r = await admin.query<{ id: string }>(
          `SELECT id FROM pgboss.job WHERE name = 'event.dispatch' AND data->>'organizationId' = $1
             AND data->'data'->>'type' = 'webhook.endpoint_disabled'`,
          [org.id],
        );
        return r.rowCount === 1 && r.rows;
      });
      expect(emitted).toHaveLength(1);
      // No retry after 410.
      await new Promise((r) => setTimeout(r, 800));
      expect(receiver.received).toHaveLength(1);
      // Owner and admin are told (in-app and by mail); the member is not.
      expect(await disabledNotices(org.id)).toEqual(
        [owner.id, adminUser.id].sort().map((userId) => ({
          user_id: userId,
          endpoint_id: endpoint.id,
          reason: "The endpoint answered 410 Gone",
        })),
      );
      const mails = await admin.query<{ to: string }>(
        `SELECT "to" FROM mail_outbox WHERE subject LIKE $1`,
        [`Webhook endpoint ${receiver.url} was disabled%`],
      );
      expect(mails.rows.map((m) => m.to).sort()).toEqual([owner.email, adminUser.email].sort());
      const audit = await admin.query<{ actor_kind: string; metadata: { reason: string } }>(
        "SELECT actor AS actor_kind, metadata FROM audit_logs WHERE organization_id = $1 AND action = 'webhook.disable'",
        [org.id],
      );
      expect(audit.rows).toEqual([
        { actor_kind: "system", metadata: { reason: "The endpoint answered 410 Gone" } },
      ]);
    } finally {
      await receiver.close();
    }
  });

  it("disables an endpoint after the configured run of consecutive failures and tells the admins", async () => {
    // WEBHOOK_MAX_CONSECUTIVE_FAILURES is 3 in the tests (vitest.config.ts).
    const receiver = await startReceiver([500]);
    try {
      const { actor, endpoint, org, user: owner } = await tenantWithEndpoint(receiver.url);
      await inTenant(actor, (tx) => sendTestEvent(tx, actor, endpoint.id));
      const row = await until(async () => {
        const r = await admin.query<{ enabled: boolean; disabled_reason: string | null }>(
          "SELECT enabled, disabled_reason FROM webhook_endpoints WHERE id = $1",
          [endpoint.id],
        );
        return r.rows[0]?.enabled === false && r.rows[0];
      });
      expect(row.disabled_reason).toBe("3 failed attempts in a row");
      expect(receiver.received).toHaveLength(3);
      expect(await disabledNotices(org.id)).toEqual([
        { user_id: owner.id, endpoint_id: endpoint.id, reason: "3 failed attempts in a row" },
      ]);
      // Disabled: the pending retry is not sent.
      await new Promise((r) => setTimeout(r, 1200));
      expect(receiver.received).toHaveLength(3);
    } finally {
      await receiver.close();
    }
  });
});

async function disabledNotices(organizationId: string) {
  const r = await admin.query<{ user_id: string; endpoint_id: string; reason: string }>(
    `SELECT user_id::text, data->>'endpointId' AS endpoint_id, data->>'reason' AS reason
     FROM notifications WHERE organization_id = $1 AND kind = 'WEBHOOK_DISABLED' ORDER BY user_id`,
    [organizationId],
  );
  return r.rows;
}
