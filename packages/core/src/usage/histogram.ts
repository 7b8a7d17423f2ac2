// Latency histograms with fixed bucket bounds: buckets add up across flushes, hours and days, so a p95 can be read
// for any range from the rollups without keeping every request's latency.

/** Upper bounds (ms) of the buckets; the last bucket holds everything slower. */
export const LATENCY_BOUNDS_MS = [
  5, 10, 25, 50, 75, 100, 150, 250, 400, 600, 1_000, 1_500, 2_500, 5_000, 10_000,
] as const;
export const BUCKET_COUNT = LATENCY_BOUNDS_MS.length + 1;
/** What the open last bucket reports: twice the last bound. */
const OPEN_BUCKET_MS = 20_000;

export const emptyBuckets = (): number[] => new Array<number>(BUCKET_COUNT).fill(0);

export function bucketOf(latencyMs: number): number {
  const index = LATENCY_BOUNDS_MS.findIndex((bound) => latencyMs <= bound);
  return index === -1 ? LATENCY_BOUNDS_MS.length : index;
}

/** Adds `more` into `into` (in place); a shorter or missing array counts as zeros. */
export function addBuckets(into: number[], more: readonly (number | null)[] | null): number[] {
  if (!more) return into;
  for (let i = 0; i < BUCKET_COUNT; i += 1) into[i] = (into[i] ?? 0) + (more[i] ?? 0);
  return into;
}

/**
 * The quantile `q` (0..1) as the upper bound of the bucket it falls in (an upper estimate, never optimistic); the
 * open last bucket reports OPEN_BUCKET_MS. null without requests.
 */
export function quantileMs(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.ceil(total * q);
  let seen = 0;
  for (let i = 0; i < buckets.length; i += 1) {
    seen += buckets[i] ?? 0;
    if (seen >= rank) return LATENCY_BOUNDS_MS[i] ?? OPEN_BUCKET_MS;
  }
  return OPEN_BUCKET_MS;
}
