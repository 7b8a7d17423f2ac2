// Meters an API request (usage/meter.ts) once its answer is known: organization, API key, procedure or REST route,
// status class and latency. Only a buffer in memory is touched; the database sees it at the next flush.
import type { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";

import type { Db } from "@tenantry/db";
import { startedUsageMeter } from "@tenantry/core/usage/process-meter";

/** Filled by orgProcedure as it learns who the request is metered against; null organization: not metered. */
export interface MeterSlot {
  organizationId: string | null;
  apiKeyId: string | null;
  /** A bearer token or API key: counted against the monthly quota. */
  programmatic: boolean;
}

export const newMeterSlot = (): MeterSlot => ({
  organizationId: null,
  apiKeyId: null,
  programmatic: false,
});

export function meterRequest(
  db: Db,
  slot: MeterSlot,
  procedure: string,
  error: TRPCError | null,
  latencyMs: number,
): void {
  if (slot.organizationId === null) return;
  startedUsageMeter(db).record({
    organizationId: slot.organizationId,
    procedure,
    apiKeyId: slot.apiKeyId,
    programmatic: slot.programmatic,
    status: error ? getHTTPStatusCodeFromError(error) : 200,
    latencyMs,
  });
}
