// The process-wide request meter: created on first use, flushing to the database every USAGE_FLUSH_INTERVAL_MS with
// the quota warning after each organization's write. The web server's shutdown calls flushUsage() so nothing
// buffered is lost on a clean stop.
import { getDb } from "@tenantry/db";

import { UsageMeter } from "./meter.ts";
import { warnOnQuota } from "./quota.ts";

const globalForMeter = globalThis as unknown as { tenantryUsageMeter?: UsageMeter };

/**
 * The process's meter. Global (not module state): Next.js may load this module more than once per process, and
 * every copy must count into the one buffer the shutdown hook flushes.
 */
export function getUsageMeter(): UsageMeter {
  if (!globalForMeter.tenantryUsageMeter) {
    const meter = new UsageMeter();
    meter.onFlushed((tx, organizationId, flushed) =>
      flushed.programmatic > 0
        ? warnOnQuota(tx, organizationId).then(() => undefined)
        : Promise.resolve(),
    );
    // A failed flush keeps its counts for the next one; the error only needs to be seen.
    meter.start(getDb(), undefined, (error) => console.error("usage flush failed:", error));
    globalForMeter.tenantryUsageMeter = meter;
  }
  return globalForMeter.tenantryUsageMeter;
}

/** Stops the timer and writes the buffer (shutdown). A process that never metered anything does nothing. */
export async function flushUsage(): Promise<void> {
  await globalForMeter.tenantryUsageMeter?.stop(getDb());
}
