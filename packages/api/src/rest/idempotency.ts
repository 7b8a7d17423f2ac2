// Idempotency-Key for mutating REST calls, with Stripe's semantics: the first request with a key runs and its answer
// (status, headers, body) is kept for 24 hours; a later request with the same key and the same request replays that
// answer without running again, with a different request is refused (422), and while the first still runs is
// refused (409). Keys live in Redis when REDIS_URL is set — shared by every web process, expiring on their own —
// and in PostgreSQL otherwise (idempotency-pg.ts: the embedded `pnpm start`/`pnpm dev`, or a deployment without
// Redis). A key is scoped by the caller's verified organization and credential (idempotency-scope.ts), so two
// callers can never see each other's answers.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

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

/** Whose key it is: the organization the call acts in (verified membership) and the credential that sent it. */
export interface IdempotencyScope {
  /** Null for public routes and for a caller with no organization to act in. */
  organizationId: string | null;
  userId: string | null;
  /** `key:<api key id>`, `session:<session id>`, `user:<user id>` or `public:<ip>`. */
  credential: string;
  /** The client's Idempotency-Key header. */
  key: string;
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
  /** Claims `scope`'s key for a request with this fingerprint, or says why it cannot run. */
  begin(scope: IdempotencyScope, fingerprint: string): Promise<BeginResult>;
  /** Keeps the answer of the request that claimed the key. */
  complete(scope: IdempotencyScope, fingerprint: string, response: StoredResponse): Promise<void>;
  /** Frees the key (the request failed in a way a retry may fix: a 5xx, a rate limit). */
  abandon(scope: IdempotencyScope): Promise<void>;
}

/** What makes two requests "the same": method, path with query, and the exact body. */
export function requestFingerprint(method: string, pathAndQuery: string, body: string): string {
  return createHash("sha256").update(`${method}\n${pathAndQuery}\n${body}`).digest("base64url");
}

/** The Redis (or memory) key: organization, credential and the client's key, hashed so none is readable. */
export function scopedKey(scope: IdempotencyScope): string {
  const parts = `${scope.organizationId ?? "-"}\n${scope.credential}\n${scope.key}`;
  return `tenantry:idem:${createHash("sha256").update(parts).digest("base64url")}`;
}

export function judge(entry: Entry, fingerprint: string): BeginResult {
  if (entry.fingerprint !== fingerprint) return { state: "mismatch" };
  return entry.state === "running"
    ? { state: "in-flight" }
    : { state: "replay", response: entry.response };
}

export function redisIdempotencyStore(redis: Redis): IdempotencyStore {
  return {
    async begin(scope, fingerprint) {
      const key = scopedKey(scope);
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
    async complete(scope, fingerprint, response) {
      const done: Entry = { fingerprint, state: "done", response };
      await redis.set(scopedKey(scope), JSON.stringify(done), "EX", IDEMPOTENCY_TTL_SECONDS);
    },
    async abandon(scope) {
      await redis.del(scopedKey(scope));
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
    begin(scope, fingerprint) {
      const key = scopedKey(scope);
      const entry = live(key);
      if (entry) return Promise.resolve(judge(entry, fingerprint));
      entries.set(key, {
        entry: { fingerprint, state: "running" },
        expiresAt: now() + IN_FLIGHT_TTL_SECONDS * 1000,
      });
      return Promise.resolve({ state: "new" });
    },
    complete(scope, fingerprint, response) {
      entries.set(scopedKey(scope), {
        entry: { fingerprint, state: "done", response },
        expiresAt: now() + IDEMPOTENCY_TTL_SECONDS * 1000,
      });
      return Promise.resolve();
    },
    abandon(scope) {
      entries.delete(scopedKey(scope));
      return Promise.resolve();
    },
  };
}
