// Retention of the hourly usage rows against the real database: hours past the retention are folded into daily rows
// (also for a day the rollup never reached) and deleted, recent hours stay, a rerun changes nothing, another
// organization is untouched, and the usage summary of a range reaching back past the retention shows the same
// numbers before and after the purge.
import { describe, expect, it } from "vitest";

import { withTenantTransaction } from "@tenantry/db";

import type { MemberActor } from "../actor.ts";
import { admin, createTenant, db } from "../../test/fixtures.ts";
import { usageSummary } from "./analytics.ts";
import { UsageMeter } from "./meter.ts";
import { hourlyRetentionCutoff, pruneHourlyUsage } from "./retention.ts";
import { rollUpOrganization } from "./rollup.ts";

const DAY_MS = 86_400_000;
const now = new Date();
const dayOf = (daysAgo: number, hour: number) => {
  const at = new Date(now.getTime() - daysAgo * DAY_MS);
  at.setUTCHours(hour, 30, 0, 0);
  return at;
};

async function rows(table: "api_usage_hourly" | "api_usage_daily", organizationId: string) {
  const { rows: found } = await admin.query<{ n: string; total: string }>(
    `SELECT COUNT(*) AS n, COALESCE(SUM(count), 0) AS total FROM ${table} WHERE organization_id = $1`,
    [organizationId],
  );
  return { rows: Number(found[0]?.n), total: Number(found[0]?.total) };
}

async function traffic(organizationId: string, at: Date, count: number, status = 200) {
  const meter = new UsageMeter();
  for (let i = 0; i < count; i += 1) {
    meter.record({
      organizationId,
      procedure: "GET /api/v1/projects",
      apiKeyId: null,
      programmatic: true,
      status,
      latencyMs: 20,
      at,
    });
  }
  await meter.flush(db);
}

function summary(organizationId: string, userId: string, from: string, to: string) {
  const actor: MemberActor = {
    userId,
    organizationId,
    membership: {
      id: userId,
      role: "OWNER",
      customRole: null,
      permissions: new Set(["usage.read"]),
    },
  };
  return withTenantTransaction(db, { userId, organizationId, role: "OWNER" }, (tx) =>
    usageSummary(tx, actor, { from, to }, 0),
  );
}

describe("hourly usage retention", () => {
  it("folds hours past the retention into daily rows, keeps recent hours, and the summary does not change", async () => {
    const { org, user } = await createTenant("Retained");
    const { org: other } = await createTenant("Other retained");
    // 100 days ago: two hours, rolled up into daily rows (as the rollup job did back then) — 7 requests, 2 failed.
    await traffic(org.id, dayOf(100, 3), 5);
    await traffic(org.id, dayOf(100, 9), 2, 500);
    await withTenantTransaction(db, { userId: "", organizationId: org.id, role: "JOB" }, (tx) =>
      rollUpOrganization(tx, org.id, dayOf(101, 0), dayOf(99, 0)),
    );
    // 95 days ago: a day the rollup never reached (the worker was down); yesterday: recent, kept.
    await traffic(org.id, dayOf(95, 12), 4);
    await traffic(org.id, dayOf(1, 12), 3);
    await traffic(other.id, dayOf(1, 12), 6);
    const from = dayOf(100, 0).toISOString().slice(0, 10);
    const to = now.toISOString().slice(0, 10);
    const before = await summary(org.id, user.id, from, to);
    expect(before.totals.requests).toBe(14);

    const pruned = await pruneHourlyUsage(db, now, 90);
    expect(pruned.hourlyRows).toBeGreaterThanOrEqual(3);
    const { rows: left } = await admin.query<{ hour: Date }>(
      `SELECT hour FROM api_usage_hourly WHERE organization_id = $1`,
      [org.id],
    );
    // Only yesterday's hour is left; every older day is in the daily rows, once.
    expect(left.map((r) => r.hour.getTime())).toEqual([dayOf(1, 12).setUTCMinutes(0, 0, 0)]);
    expect(left.every((r) => r.hour >= hourlyRetentionCutoff(now, 90))).toBe(true);
    const { rows: daily } = await admin.query<{ day: string; status_class: number; count: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, status_class, count FROM api_usage_daily
       WHERE organization_id = $1 ORDER BY day, status_class`,
      [org.id],
    );
    expect(daily).toEqual([
      { day: from, status_class: 2, count: 5 },
      { day: from, status_class: 5, count: 2 },
      { day: dayOf(95, 0).toISOString().slice(0, 10), status_class: 2, count: 4 },
    ]);
    expect(await rows("api_usage_hourly", other.id)).toEqual({ rows: 1, total: 6 });

    // The usage page's numbers are what they were: old days from the daily rows, recent ones from the hours.
    const after = await summary(org.id, user.id, from, to);
    expect(after.totals).toEqual(before.totals);
    expect(after.days).toEqual(before.days);
    expect(after.procedures).toEqual(before.procedures);
    expect(after.days.find((d) => d.day === from)).toMatchObject({ requests: 7, serverErrors: 2 });

    // A rerun finds nothing to do and changes nothing.
    await pruneHourlyUsage(db, now, 90);
    expect(await rows("api_usage_daily", org.id)).toEqual({ rows: 3, total: 11 });
    expect(await rows("api_usage_hourly", org.id)).toEqual({ rows: 1, total: 3 });
  });

  it("reads an hour's grain where hourly rows exist, never adding the day's rolled-up rows twice", async () => {
    const { org, user } = await createTenant("Rolled");
    await traffic(org.id, dayOf(2, 5), 8);
    await withTenantTransaction(db, { userId: "", organizationId: org.id, role: "JOB" }, (tx) =>
      rollUpOrganization(tx, org.id, dayOf(3, 0), now),
    );
    expect(await rows("api_usage_daily", org.id)).toEqual({ rows: 1, total: 8 });
    const day = dayOf(2, 0).toISOString().slice(0, 10);
    const result = await summary(org.id, user.id, day, day);
    expect(result.totals.requests).toBe(8);
  });
});
