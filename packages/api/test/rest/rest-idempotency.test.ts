// Idempotency-Key on mutating REST calls (Stripe semantics), through the dispatcher with each real store —
// PostgreSQL (no REDIS_URL) and Redis: replay, body mismatch 422, concurrent 409, scoping by organization and
// credential, 503 while the store is down. The stores' own contract is in idempotency-stores.test.ts.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";

import { env } from "@tenantry/auth/env";

import type { IdempotencyStore } from "../../src/rest/index.ts";
import { createCaller, createInnerTRPCContext } from "../../src/index.ts";
import { pgIdempotencyStore, redisIdempotencyStore } from "../../src/rest/index.ts";
import { admin, createTenant, db } from "../fixtures.ts";
import { accessTokenFor, restClient } from "./rest-client.ts";

const redis = new Redis(env.REDIS_URL ?? "redis://127.0.0.1:6379");
afterAll(async () => {
  await redis.quit();
});

const STORES: { name: string; make: () => IdempotencyStore }[] = [
  { name: "PostgreSQL", make: () => pgIdempotencyStore(db) },
  { name: "Redis", make: () => redisIdempotencyStore(redis) },
];

const key = () => `key-${randomBytes(8).toString("hex")}`;
const tag = (name: string) => ({ name, color: "#1d4ed8" });

async function tagCount(organizationId: string, name: string): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    "SELECT count(*) AS n FROM tags WHERE organization_id = $1 AND name = $2",
    [organizationId, name],
  );
  return Number(rows[0]?.n);
}

describe.each(STORES)("Idempotency-Key with the $name store", ({ make }) => {
  it("replays the first answer (status, body, headers) without running the mutation again", async () => {
    const { org, user } = await createTenant("Idem");
    const rest = restClient(await accessTokenFor(user), { org: org.id, store: make() });
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
    const rest = restClient(await accessTokenFor(user), { org: org.id, store: make() });
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
    const inner = make();
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
    const inner = make();
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
    const store = make();
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

  it("gives each credential of one user in one organization its own keys", async () => {
    const { org, user } = await createTenant("IdemCred");
    const store = make();
    const k = key();
    const first = restClient(await accessTokenFor(user), { org: org.id, store });
    const second = restClient(await accessTokenFor(user), { org: org.id, store });
    const keyCall = async (name: string) => {
      const created = await createCaller(
        createInnerTRPCContext({ db, session: null, bearerToken: await accessTokenFor(user) }),
      ).apiKey.create({ name, scopes: ["tag.manage"] });
      return restClient(created.secret, { org: org.id, store });
    };
    const [keyA, keyB] = [await keyCall("A"), await keyCall("B")];
    const results = [];
    for (const [i, rest] of [first, second, keyA, keyB].entries()) {
      results.push(
        await rest("POST", "/tags", { body: tag(`cred-${i}`), headers: { "idempotency-key": k } }),
      );
    }
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(results.every((r) => r.headers.get("idempotent-replayed") === null)).toBe(true);
    for (let i = 0; i < 4; i++) expect(await tagCount(org.id, `cred-${i}`)).toBe(1);
  });

  it("keeps a key of a caller naming a foreign organization out of that organization", async () => {
    const a = await createTenant("IdemHomeA");
    const b = await createTenant("IdemHomeB");
    const rest = restClient(await accessTokenFor(b.user), { org: a.org.id, store: make() });
    const refused = await rest("POST", "/tags", {
      body: tag("intruder"),
      headers: { "idempotency-key": key() },
    });
    expect(refused.status).toBe(403);
    const { rows } = await admin.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM idempotency_keys WHERE organization_id = $1",
      [a.org.id],
    );
    expect(rows[0]?.n).toBe(0);
    expect(await tagCount(a.org.id, "intruder")).toBe(0);
  });

  it("refuses a malformed key with 400", async () => {
    const { org, user } = await createTenant("Idem");
    const rest = restClient(await accessTokenFor(user), { org: org.id, store: make() });
    const bad = await rest("POST", "/tags", {
      body: tag("x"),
      headers: { "idempotency-key": "a b" },
    });
    expect(bad.status).toBe(400);
  });
});
