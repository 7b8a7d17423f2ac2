// The process-wide request meter. The first request metered starts its timer on that request's database (the web
// app's pool; a test's database in tests), flushing every USAGE_FLUSH_INTERVAL_MS with the quota warning after each
// organization's write. The web server's shutdown calls flushUsage() so nothing buffered is lost on a clean stop.
import type { Db } from "@tenantry/db";

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
    meter.onFlushed(async (tx, organizationId, flushed) => {
      if (flushed.programmatic > 0) await warnOnQuota(tx, organizationId);
    });
    globalForMeter.tenantryUsageMeter = meter;
  }
  return globalForMeter.tenantryUsageMeter;
}

/** The process's meter, flushing to `db` from now on (the first call's database wins). */
export function startedUsageMeter(db: Db): UsageMeter {
  const meter = getUsageMeter();
  // A failed flush keeps its counts for the next one; the error only needs to be seen.
  meter.start(db, undefined, (error) => console.error("usage flush failed:", error));
  return meter;
}

/** Stops the timer and writes the buffer (shutdown). A process that never metered anything does nothing. */
export async function flushUsage(): Promise<void> {
  await globalForMeter.tenantryUsageMeter?.stop();
}
