// Idempotency-Key on mutating REST calls (Stripe semantics): replay, body mismatch 422, concurrent 409, scoping,
// and the Redis store keeping the same contract as the memory one.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";

import { env } from "@tenantry/auth/env";

import type { IdempotencyStore } from "../../src/rest/index.ts";
import { memoryIdempotencyStore, redisIdempotencyStore } from "../../src/rest/index.ts";
import { admin, createTenant } from "../fixtures.ts";
import { accessTokenFor, restClient } from "./rest-client.ts";

const key = () => `key-${randomBytes(8).toString("hex")}`;
const tag = (name: string) => ({ name, color: "#1d4ed8" });

async function tagCount(organizationId: string, name: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    "SELECT count(*) AS n FROM tags WHERE organization_id = $1 AND name = $2",
    [organizationId, name],
  );
  return Number(rows[0]?.n);
}

describe("Idempotency-Key", () => {
  it("replays the first answer (status, body, headers) without running the mutation again", async () => {
    const { org, user } = await createTenant("Idem");
    const rest = restClient(await accessTokenFor(user), { org: org.id });
    const k = key();
    const first = await rest("POST", "/tags", {
      body: tag("once"),
      headers: { "idempotency-key": k },
    });
    const again = await rest("POST", "/tags", {
      body: tag("once"),
      headers: { "idempotency-key": k },
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(await tagCount(org.id, "once")).toBe(1);
    // Without the key the same body runs again (and here conflicts on the name).
    expect((await rest("POST", "/tags", { body: tag("once") })).status).toBe(409);
  });

  it("refuses the same key with a different body with 422", async () => {
    const { org, user } = await createTenant("Idem");
    const rest = restClient(await accessTokenFor(user), { org: org.id });
    const k = key();
    expect(
      (await rest("POST", "/tags", { body: tag("a"), headers: { "idempotency-key": k } })).status,
    ).toBe(201);
    const other = await rest("POST", "/tags", {
      body: tag("b"),
      headers: { "idempotency-key": k },
    });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({
      type: "/api/docs#problem-idempotency-mismatch",
      status: 422,
    });
    expect(await tagCount(org.id, "b")).toBe(0);
  });

  it("refuses a request arriving while the first with its key still runs with 409", async () => {
    const inner = memoryIdempotencyStore();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached: () => void = () => undefined;
    const completing = new Promise<void>((resolve) => (reached = resolve));
    // The first request holds its key until the test lets its answer be stored.
    const store: IdempotencyStore = {
      begin: (k, f) => inner.begin(k, f),
      abandon: (k) => inner.abandon(k),
      complete: async (k, f, response) => {
        reached();
        await gate;
        await inner.complete(k, f, response);
      },
    };
    const { org, user } = await createTenant("Idem");
    const rest = restClient(await accessTokenFor(user), { org: org.id, store });
    const k = key();
    const first = rest("POST", "/tags", { body: tag("slow"), headers: { "idempotency-key": k } });
    await completing;
    const second = await rest("POST", "/tags", {
      body: tag("slow"),
      headers: { "idempotency-key": k },
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ type: "/api/docs#problem-idempotency-in-flight" });
    release();
    expect((await first).status).toBe(201);
    const third = await rest("POST", "/tags", {
      body: tag("slow"),
      headers: { "idempotency-key": k },
    });
    expect(third.headers.get("idempotent-replayed")).toBe("true");
  });

  it("answers 503 with Retry-After, running nothing, while the key store is unreachable", async () => {
    const down = (): Promise<never> =>
      Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:6379"));
    const store: IdempotencyStore = { begin: down, complete: down, abandon: down };
    const { org, user } = await createTenant("Idem");
    const rest = restClient(await accessTokenFor(user), { org: org.id, store });
    const refused = await rest("POST", "/tags", {
      body: tag("down"),
      headers: { "idempotency-key": key() },
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(refused.body).toMatchObject({ type: "/api/docs#problem-unavailable", status: 503 });
    expect(refused.text).not.toContain("ECONNREFUSED");
    expect(await tagCount(org.id, "down")).toBe(0);
  });

  it("still answers a call that ran when its answer cannot be stored", async () => {
    const inner = memoryIdempotencyStore();
    const store: IdempotencyStore = {
      begin: (k, f) => inner.begin(k, f),
      abandon: (k) => inner.abandon(k),
      complete: () => Promise.reject(new Error("connection lost")),
    };
    const { org, user } = await createTenant("Idem");
    const rest = restClient(await accessTokenFor(user), { org: org.id, store });
    const created = await rest("POST", "/tags", {
      body: tag("stored"),
      headers: { "idempotency-key": key() },
    });
    expect(created.status).toBe(201);
    expect(await tagCount(org.id, "stored")).toBe(1);
  });

  it("scopes keys by organization and credential", async () => {
    const a = await createTenant("IdemA");
    const b = await createTenant("IdemB");
    const store = memoryIdempotencyStore();
    const k = key();
    const restA = restClient(await accessTokenFor(a.user), { org: a.org.id, store });
    const restB = restClient(await accessTokenFor(b.user), { org: b.org.id, store });
    const inA = await restA("POST", "/tags", {
      body: tag("same"),
      headers: { "idempotency-key": k },
    });
    const inB = await restB("POST", "/tags", {
      body: tag("same"),
      headers: { "idempotency-key": k },
    });
    expect(inA.status).toBe(201);
    expect(inB.status).toBe(201);
    expect(inB.headers.get("idempotent-replayed")).toBeNull();
    expect(inB.text).not.toBe(inA.text);
  });

  it("refuses a malformed key with 400", async () => {
    const { org, user } = await createTenant("Idem");
    const rest = restClient(await accessTokenFor(user), { org: org.id });
    const bad = await rest("POST", "/tags", {
      body: tag("x"),
      headers: { "idempotency-key": "a b" },
    });
    expect(bad.status).toBe(400);
  });
});

describe("the Redis idempotency store", () => {
  const redis = new Redis(env.REDIS_URL ?? "redis://127.0.0.1:6379");
  afterAll(async () => {
    await redis.quit();
  });

  it("claims, refuses in-flight and mismatched requests, replays, and frees an abandoned key", async () => {
    const store = redisIdempotencyStore(redis);
    const k = `tenantry:idem:test:${key()}`;
    const response = {
      status: 201,
      headers: { "content-type": "application/json" },
      body: '{"id":1}',
    };
    expect(await store.begin(k, "f1")).toEqual({ state: "new" });
    expect(await store.begin(k, "f1")).toEqual({ state: "in-flight" });
    expect(await store.begin(k, "f2")).toEqual({ state: "mismatch" });
    await store.complete(k, "f1", response);
    expect(await store.begin(k, "f1")).toEqual({ state: "replay", response });
    expect(await redis.ttl(k)).toBeGreaterThan(23 * 3600);
    await store.abandon(k);
    expect(await store.begin(k, "f1")).toEqual({ state: "new" });
    await redis.del(k);
  });
});
