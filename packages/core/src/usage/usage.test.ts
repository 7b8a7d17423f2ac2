// The usage meter, rollup, ledger and quota warning against the real database: counts written by flushes are exact,
// a failed flush keeps its counts, the rollup replaces what it covers (reruns change nothing), a retried ledger
// event counts once, and the 80% warning goes out once per month.
import { describe, expect, it } from "vitest";

import { withTenantTransaction } from "@tenantry/db";

import { admin, createTenant, db } from "../../test/fixtures.ts";
import { ledgerTotals, recordUsage } from "./ledger.ts";
import { UsageMeter } from "./meter.ts";
import { durableMonthRequests, warnOnQuota } from "./quota.ts";
import { rollUpOrganization } from "./rollup.ts";

const inTenant = <T>(organizationId: string, fn: Parameters<typeof withTenantTransaction<T>>[2]) =>
  withTenantTransaction(db, { userId: "", organizationId, role: "OWNER" }, fn);

async function hourlyTotals(organizationId: string) {
  const { rows } = await admin.query<{ rows: string; total: string }>(
    `SELECT COUNT(*) AS rows, COALESCE(SUM(count), 0) AS total FROM api_usage_hourly WHERE organization_id = $1`,
    [organizationId],
  );
  return { rows: Number(rows[0]?.rows), total: Number(rows[0]?.total) };
}

describe("the request meter", () => {
  it("writes exact counts per key, status class and latency bucket, and rolls them up into one row per key", async () => {
    const { org } = await createTenant("Metered");
    const meter = new UsageMeter();
    const at = new Date(Date.now() - 2 * 3_600_000);
    for (let flush = 0; flush < 3; flush += 1) {
      for (let i = 0; i < 100; i += 1) {
        meter.record({
          organizationId: org.id,
          procedure: "task.list",
          apiKeyId: null,
          programmatic: true,
          status: i % 10 === 0 ? 500 : 200,
          latencyMs: i,
          at,
        });
      }
      await meter.flush(db);
    }
    expect(meter.pendingProgrammatic(org.id)).toBe(0);
    // One row per flush and key (2xx and 5xx) until the rollup compacts them.
    expect(await hourlyTotals(org.id)).toEqual({ rows: 6, total: 300 });

    const since = new Date(at.getTime() - 3_600_000);
    await inTenant(org.id, (tx) => rollUpOrganization(tx, org.id, since));
    await inTenant(org.id, (tx) => rollUpOrganization(tx, org.id, since));
    expect(await hourlyTotals(org.id)).toEqual({ rows: 2, total: 300 });
    const { rows } = await admin.query<{
      status_class: number;
      count: number;
      latency_buckets: number[];
    }>(
      `SELECT status_class, count, latency_buckets FROM api_usage_daily WHERE organization_id = $1
       ORDER BY status_class`,
      [org.id],
    );
    expect(rows.map((r) => [r.status_class, r.count])).toEqual([
      [2, 270],
      [5, 30],
    ]);
    expect(rows.reduce((n, r) => n + r.latency_buckets.reduce((a, b) => a + b, 0), 0)).toBe(300);
    await expect(inTenant(org.id, (tx) => durableMonthRequests(tx, org.id, at))).resolves.toBe(300);
  });

  it("keeps the counts of a flush that failed and writes them with the next one", async () => {
    const { org } = await createTenant("Unreachable");
    const meter = new UsageMeter();
    for (let i = 0; i < 7; i += 1) {
      meter.record({
        organizationId: org.id,
        procedure: "project.list",
        apiKeyId: null,
        programmatic: true,
        status: 200,
        latencyMs: 3,
      });
    }
    // A database that refuses every connection.
    const { createDb } = await import("@tenantry/db");
    const down = createDb({
      connectionString: "postgres://nobody@127.0.0.1:1/none",
      poolMax: 1,
      connectTimeoutMs: 500,
    });
    await expect(meter.flush(down)).rejects.toBeDefined();
    await down.$disconnect();
    expect(meter.pendingProgrammatic(org.id)).toBe(7);
    meter.record({
      organizationId: org.id,
      procedure: "project.list",
      apiKeyId: null,
      programmatic: true,
      status: 200,
      latencyMs: 3,
    });
    await meter.flush(db);
    expect(await hourlyTotals(org.id)).toEqual({ rows: 1, total: 8 });
  });
});

describe("the usage ledger", () => {
  it("counts a retried event once and keeps organizations apart", async () => {
    const { org } = await createTenant("Ledger");
    const other = await createTenant("Other ledger");
    const event = {
      organizationId: org.id,
      metric: "assistant_tokens" as const,
      quantity: 1_200,
      eventId: "chat:42",
    };
    await expect(inTenant(org.id, (tx) => recordUsage(tx, event))).resolves.toBe(true);
    await expect(inTenant(org.id, (tx) => recordUsage(tx, event))).resolves.toBe(false);
    // The same event id in another organization is that organization's own event.
    await expect(
      inTenant(other.org.id, (tx) => recordUsage(tx, { ...event, organizationId: other.org.id })),
    ).resolves.toBe(true);
    const range = { from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 60_000) };
    const totals = await inTenant(org.id, (tx) => ledgerTotals(tx, org.id, range));
    expect(totals).toEqual({
      tasks_created: 0,
      storage_bytes: 0,
      seats: 0,
      assistant_tokens: 1_200,
    });
    // Written in the action's transaction: a rolled-back action leaves no entry.
    await expect(
      inTenant(org.id, async (tx) => {
        await recordUsage(tx, { ...event, eventId: "chat:43" });
        throw new Error("the action failed");
      }),
    ).rejects.toThrow("the action failed");
    expect((await inTenant(org.id, (tx) => ledgerTotals(tx, org.id, range))).assistant_tokens).toBe(
      1_200,
    );
  });
});

describe("the monthly quota warning", () => {
  it("notifies the admins and emits quota.warning once at 80% of the month's API requests", async () => {
    const { org, user } = await createTenant("Warned");
    // The FREE plan allows 10,000 API requests per month.
    const meter = new UsageMeter();
    const now = new Date();
    const record = (n: number) => {
      for (let i = 0; i < n; i += 1) {
        meter.record({
          organizationId: org.id,
          procedure: "task.list",
          apiKeyId: null,
          programmatic: true,
          status: 200,
          latencyMs: 1,
          at: now,
        });
      }
    };
    record(7_999);
    await meter.flush(db);
    await expect(inTenant(org.id, (tx) => warnOnQuota(tx, org.id, now))).resolves.toBe(false);
    record(1);
    await meter.flush(db);
    await expect(inTenant(org.id, (tx) => warnOnQuota(tx, org.id, now))).resolves.toBe(true);
    record(500);
    await meter.flush(db);
    await expect(inTenant(org.id, (tx) => warnOnQuota(tx, org.id, now))).resolves.toBe(false);

    const notifications = await admin.query<{ user_id: string; data: { usage: string } }>(
      `SELECT user_id, data FROM notifications WHERE organization_id = $1 AND kind = 'QUOTA_WARNING'`,
      [org.id],
    );
    expect(notifications.rows).toEqual([
      {
        user_id: user.id,
        data: expect.objectContaining({ usage: "80% (8000 of 10000)" }) as unknown,
      },
    ]);
    // Still in the outbox, or already moved into the queue: other test files run the relay on this database, and it
    // takes every organization's rows (pg-boss keeps the job under the row's id, with its data under `data`). A row
    // being relayed shows in both for a moment, hence the UNION by id.
    const { rows: queue } = await admin.query<{ present: boolean }>(
      `SELECT to_regclass('pgboss.job') IS NOT NULL AS present`,
    );
    const events = await admin.query<{
      data: { type: string; data: { quota: { used: number; limit: number } } };
    }>(
      `SELECT id::text, data FROM job_outbox WHERE organization_id = $1 AND name = 'event.dispatch'
       ${
         queue[0]?.present
           ? `UNION SELECT id::text, data->'data' FROM pgboss.job
              WHERE name = 'event.dispatch' AND data->>'organizationId' = $1::text`
           : ""
       }`,
      [org.id],
    );
    expect(
      events.rows.map((r) => [r.data.type, r.data.data.quota.used, r.data.data.quota.limit]),
    ).toEqual([["quota.warning", 8_000, 10_000]]);
  });
});
