// The process's Idempotency-Key store, chosen once from the environment.
import { createLimiterRedis } from "@tenantry/auth";
import { env } from "@tenantry/auth/env";
import { getDb } from "@tenantry/db";

import type { IdempotencyStore } from "./idempotency.ts";
import { pgIdempotencyStore } from "./idempotency-pg.ts";
import { redisIdempotencyStore } from "./idempotency.ts";

let shared: IdempotencyStore | null = null;

/** The process's store: Redis when REDIS_URL is set (shared by every web process), PostgreSQL otherwise. */
export function defaultIdempotencyStore(): IdempotencyStore {
  if (shared) return shared;
  const url = env.REDIS_URL;
  shared = url ? redisIdempotencyStore(createLimiterRedis(url)) : pgIdempotencyStore(getDb());
  return shared;
}
