// The delivery retry schedule: exponential backoff with jitter. With the defaults (13 attempts, 1 minute doubling)
// the retries span 1 + 2 + 4 + … + 2048 minutes ≈ 2.8 days, about three days, before a delivery is given up.
import { env } from "../env.ts";

export interface RetrySchedule {
  maxAttempts: number;
  baseMs: number;
  /** Fraction of each delay added or removed at random, so failing receivers are not hit in lockstep. */
  jitter: number;
}

export const defaultSchedule = (): RetrySchedule => ({
  maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
  baseMs: env.WEBHOOK_RETRY_BASE_MS,
  jitter: 0.2,
});

/**
 * The delay before attempt `attempt + 1` after attempt `attempt` (1-based) failed, or null when no attempt is
 * left. `random` is in [0, 1).
 */
export function nextRetryDelayMs(
  attempt: number,
  schedule: RetrySchedule = defaultSchedule(),
  random: () => number = Math.random,
): number | null {
  if (attempt >= schedule.maxAttempts) return null;
  const base = schedule.baseMs * 2 ** (attempt - 1);
  return Math.round(base * (1 + schedule.jitter * (2 * random() - 1)));
}
