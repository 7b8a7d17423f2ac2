// Idempotency-Key for mutating REST calls, with Stripe's semantics: the first request with a key runs and its answer
// (status, headers, body) is kept for 24 hours; a later request with the same key and the same request replays that
// answer without running again, with a different request is refused (422), and while the first still runs is
// refused (409). Keys live in Redis when REDIS_URL is set — shared by every web process, expiring on their own —
// and in this process's memory otherwise (a single-process development server). A key is scoped by the caller's
// organization and credential (dispatch.ts), so two callers can never see each other's answers.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

import { createLimiterRedis } from "@tenantry/auth";
import { env } from "@tenantry/auth/env";

export const IDEMPOTENCY_HEADER = "idempotency-key";
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** How long a started request holds its key: longer than any request runs, short enough that a crash frees it. */
export const IN_FLIGHT_TTL_SECONDS = 60;
/** Stripe allows 255 characters; printable ASCII only, so a key is safe in a Redis key and a log line. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Entry =
  | { fingerprint: string; state: "running" }
  | { fingerprint: string; state: "done"; response: StoredResponse };

export type BeginResult =
  | { state: "new" }
  | { state: "replay"; response: StoredResponse }
  | { state: "mismatch" }
  | { state: "in-flight" };

export interface IdempotencyStore {
  /** Claims `key` for a request with this fingerprint, or says why it cannot run. */
  begin(key: string, fingerprint: string): Promise<BeginResult>;
  /** Keeps the answer of the request that claimed `key`. */
  complete(key: string, fingerprint: string, response: StoredResponse): Promise<void>;
  /** Frees `key` (the request failed in a way a retry may fix: a 5xx, a rate limit). */
  abandon(key: string): Promise<void>;
}

/** What makes two requests "the same": method, path with query, and the exact body. */
export function requestFingerprint(method: string, pathAndQuery: string, body: string): string {
  return createHash("sha256").update(`${method}\n${pathAndQuery}\n${body}`).digest("base64url");
}

/** The stored key: scope (organization + credential) and the client's key, hashed so neither is readable. */
export function scopedKey(scope: string, key: string): string {
  return `tenantry:idem:${createHash("sha256").update(`${scope}\n${key}`).digest("base64url")}`;
}

function judge(entry: Entry, fingerprint: string): BeginResult {
  if (entry.fingerprint !== fingerprint) return { state: "mismatch" };
  return entry.state === "running"
    ? { state: "in-flight" }
    : { state: "replay", response: entry.response };
}

export function redisIdempotencyStore(redis: Redis): IdempotencyStore {
  return {
    async begin(key, fingerprint) {
      const running: Entry = { fingerprint, state: "running" };
      // Two tries: the entry seen taken may expire between the SET and the GET.
      for (let attempt = 0; attempt < 2; attempt++) {
        const claimed = await redis.set(
          key,
          JSON.stringify(running),
          "EX",
          IN_FLIGHT_TTL_SECONDS,
          "NX",
        );
        if (claimed === "OK") return { state: "new" };
        const raw = await redis.get(key);
        if (raw !== null) return judge(JSON.parse(raw) as Entry, fingerprint);
      }
      return { state: "in-flight" };
    },
    async complete(key, fingerprint, response) {
      const done: Entry = { fingerprint, state: "done", response };
      await redis.set(key, JSON.stringify(done), "EX", IDEMPOTENCY_TTL_SECONDS);
    },
    async abandon(key) {
      await redis.del(key);
    },
  };
}

export function memoryIdempotencyStore(now: () => number = Date.now): IdempotencyStore {
  const entries = new Map<string, { entry: Entry; expiresAt: number }>();
  const live = (key: string) => {
    const found = entries.get(key);
    if (found && found.expiresAt <= now()) entries.delete(key);
    return found && found.expiresAt > now() ? found.entry : null;
  };
  return {
    begin(key, fingerprint) {
      const entry = live(key);
      if (entry) return Promise.resolve(judge(entry, fingerprint));
      entries.set(key, {
        entry: { fingerprint, state: "running" },
        expiresAt: now() + IN_FLIGHT_TTL_SECONDS * 1000,
      });
      return Promise.resolve({ state: "new" });
    },
    complete(key, fingerprint, response) {
      entries.set(key, {
        entry: { fingerprint, state: "done", response },
        expiresAt: now() + IDEMPOTENCY_TTL_SECONDS * 1000,
      });
      return Promise.resolve();
    },
    abandon(key) {
      entries.delete(key);
      return Promise.resolve();
    },
  };
}

let shared: IdempotencyStore | null = null;

/** The process's store: Redis when REDIS_URL is set (shared by every web process), memory otherwise. */
export function defaultIdempotencyStore(): IdempotencyStore {
  if (shared) return shared;
  const url = env.REDIS_URL;
  shared = url ? redisIdempotencyStore(createLimiterRedis(url)) : memoryIdempotencyStore();
  return shared;
}
