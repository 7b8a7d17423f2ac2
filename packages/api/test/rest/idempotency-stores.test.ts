// The Idempotency-Key stores' shared contract against real PostgreSQL and Redis — claim, in flight, mismatch,
// replay of status, headers and body, abandon, 24-hour expiry, scoping — and what only the PostgreSQL store has: rows
// of the caller's organization under RLS, organization-free keys kept aside, and the scheduled purge.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";

import { env } from "@tenantry/auth/env";
import { purgeExpiredIdempotencyKeys } from "@tenantry/core/jobs/idempotency-purge";
import { IDEMPOTENCY_PURGE_JOB, JOB_DEFINITIONS } from "@tenantry/core/jobs/index";
import { withTenantTransaction } from "@tenantry/db";

import type { IdempotencyScope, IdempotencyStore } from "../../src/rest/index.ts";
import {
  memoryIdempotencyStore,
  pgIdempotencyStore,
  redisIdempotencyStore,
  scopedKey,
} from "../../src/rest/index.ts";
import { admin, createTenant, db } from "../fixtures.ts";

const redis = new Redis(env.REDIS_URL ?? "redis://127.0.0.1:6379");
afterAll(async () => {
  await redis.quit();
});

const response = {
  status: 201,
  headers: { "content-type": "application/json", location: "/api/v1/tags/1" },
  body: '{"id":"1","name":"once"}',
};
const HOUR = 3600_000;

async function scopeIn(label: string): Promise<IdempotencyScope> {
  const { org, user } = await createTenant(label);
  return {
    organizationId: org.id,
    userId: user.id,
    credential: `session:${randomBytes(8).toString("hex")}`,
    key: `k-${randomBytes(8).toString("hex")}`,
  };
}

/** A clock the test moves; the PostgreSQL store writes and compares the times it reads from it. */
function clock() {
  let t = Date.now();
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const STORES: { name: string; make: (now: () => number) => IdempotencyStore; expires: boolean }[] =
  [
    { name: "PostgreSQL", make: (now) => pgIdempotencyStore(db, { now }), expires: true },
    { name: "memory", make: (now) => memoryIdempotencyStore(now), expires: true },
    { name: "Redis", make: () => redisIdempotencyStore(redis), expires: false },
  ];

describe.each(STORES)("the $name idempotency store", ({ name, make }) => {
  it("claims, refuses in-flight and mismatched requests, replays, and frees an abandoned key", async () => {
    const store = make(Date.now);
    const scope = await scopeIn("Store");
    expect(await store.begin(scope, "f1")).toEqual({ state: "new" });
    expect(await store.begin(scope, "f1")).toEqual({ state: "in-flight" });
    expect(await store.begin(scope, "f2")).toEqual({ state: "mismatch" });
    await store.complete(scope, "f1", response);
    expect(await store.begin(scope, "f1")).toEqual({ state: "replay", response });
    expect(await store.begin(scope, "f2")).toEqual({ state: "mismatch" });
    // A kept answer is final: abandon only frees a claim still running.
    const other = { ...scope, key: `${scope.key}-2` };
    expect(await store.begin(other, "f1")).toEqual({ state: "new" });
    await store.abandon(other);
    expect(await store.begin(other, "f1")).toEqual({ state: "new" });
    if (name === "Redis") {
      expect(await redis.ttl(scopedKey(scope))).toBeGreaterThan(23 * 3600);
      expect(await redis.ttl(scopedKey(other))).toBeLessThanOrEqual(60);
      await redis.del(scopedKey(scope), scopedKey(other));
    }
  });

  it("scopes a key by organization and credential", async () => {
    const store = make(Date.now);
    const scope = await scopeIn("StoreScope");
    const elsewhere = await scopeIn("StoreScope2");
    expect(await store.begin(scope, "f")).toEqual({ state: "new" });
    await store.complete(scope, "f", response);
    expect(await store.begin({ ...scope, credential: "key:other" }, "f")).toEqual({ state: "new" });
    expect(await store.begin({ ...elsewhere, key: scope.key }, "f")).toEqual({ state: "new" });
    expect(await store.begin({ ...scope, organizationId: null }, "f")).toEqual({ state: "new" });
  });
});

// Redis expires keys by its own clock (its TTLs are checked above); the others read the clock the test moves.
describe.each(STORES.filter((s) => s.expires))("the $name store's expiry", ({ make }) => {
  it("replays for 24 hours and frees a crashed request's claim after a minute", async () => {
    const time = clock();
    const store = make(time.now);
    const scope = await scopeIn("StoreTtl");
    expect(await store.begin(scope, "f")).toEqual({ state: "new" });
    time.advance(61_000);
    // The claim of a request that never finished has run out: a retry may run.
    expect(await store.begin(scope, "f")).toEqual({ state: "new" });
    await store.complete(scope, "f", response);
    time.advance(23 * HOUR);
    expect(await store.begin(scope, "f")).toEqual({ state: "replay", response });
    time.advance(1.1 * HOUR);
    expect(await store.begin(scope, "other body")).toEqual({ state: "new" });
  });
});

describe("the PostgreSQL idempotency store's rows", () => {
  it("lives in the caller's organization, invisible to every other", async () => {
    const store = pgIdempotencyStore(db);
    const scope = await scopeIn("StoreRls");
    const other = await scopeIn("StoreRls2");
    await store.begin(scope, "f");
    await store.complete(scope, "f", response);
    const { rows } = await admin.query<{ organization_id: string; state: string; key: string }>(
      "SELECT organization_id, state, key, response_status FROM idempotency_keys WHERE key = $1",
      [scope.key],
    );
    expect(rows).toEqual([
      expect.objectContaining({ organization_id: scope.organizationId, state: "done" }),
    ]);
    const seen = await withTenantTransaction(
      db,
      { userId: other.userId ?? "", organizationId: other.organizationId ?? "", role: "" },
      (tx) => tx.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM idempotency_keys WHERE key = ${scope.key}`,
    );
    expect(seen[0]?.n).toBe(0);
  });

  it("keeps an organization-free call's key out of the database", async () => {
    const store = pgIdempotencyStore(db);
    const key = `public-${randomBytes(8).toString("hex")}`;
    const scope = { organizationId: null, userId: null, credential: "public:203.0.113.9", key };
    expect(await store.begin(scope, "f")).toEqual({ state: "new" });
    await store.complete(scope, "f", response);
    expect(await store.begin(scope, "f")).toEqual({ state: "replay", response });
    const { rows } = await admin.query("SELECT 1 FROM idempotency_keys WHERE key = $1", [key]);
    expect(rows).toHaveLength(0);
  });

  it("is purged by the scheduled maintenance job once expired, in every organization", async () => {
    expect(JOB_DEFINITIONS.find((d) => d.name === IDEMPOTENCY_PURGE_JOB)).toMatchObject({
      kind: "scheduled",
    });
    const past = clock();
    past.advance(-25 * HOUR);
    const expired = pgIdempotencyStore(db, { now: past.now });
    const live = pgIdempotencyStore(db);
    const a = await scopeIn("PurgeA");
    const b = await scopeIn("PurgeB");
    for (const scope of [a, b]) {
      await expired.begin(scope, "f");
      await expired.complete(scope, "f", response);
    }
    const kept = { ...a, key: `${a.key}-live` };
    await live.begin(kept, "f");
    await live.complete(kept, "f", response);
    // A batch of one: the purge keeps going until a batch comes back short.
    const { deleted } = await purgeExpiredIdempotencyKeys(db, 1);
    expect(deleted).toBeGreaterThanOrEqual(2);
    const { rows } = await admin.query<{ key: string }>(
      "SELECT key FROM idempotency_keys WHERE organization_id = ANY($1::uuid[])",
      [[a.organizationId, b.organizationId]],
    );
    expect(rows.map((r) => r.key)).toEqual([kept.key]);
  });
});
