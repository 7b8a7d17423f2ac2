// Audit log schemas.
import { z } from "zod";

import { DATE_MAX, DATE_MIN, singleLineText, ZId, ZPageInput } from "./common.ts";

const RANGE_MESSAGE = "Use a date between the years 1900 and 9999";
/** Coerced, because the export's query string carries dates as text; bounded like every date PostgreSQL stores. */
const ZFilterDate = z.coerce
  .date({ message: "Must be a valid date" })
  .min(DATE_MIN, { message: RANGE_MESSAGE })
  .max(DATE_MAX, { message: RANGE_MESSAGE });

/** Filters of the activity page and of the export. */
export const ZAuditFilter = z.object({
  targetType: singleLineText("Target type").max(32).optional(),
  targetId: ZId.optional(),
  actorUserId: ZId.optional(),
  /** An exact action (`task.update`) or a prefix ending in a dot (`task.`). */
  action: singleLineText("Action").max(64).optional(),
  from: ZFilterDate.optional(),
  to: ZFilterDate.optional(),
});
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

export const ZListAuditInput = ZPageInput.extend(ZAuditFilter.shape);

export const ZAuditEntryOutput = z.object({
  id: ZId,
  action: z.string(),
  targetType: z.string(),
  targetId: ZId.nullable(),
  actor: z.object({ id: ZId, name: z.string(), email: z.string() }).nullable(),
  metadata: z.record(z.string(), z.unknown()),
  /** `user:<id>`, `apikey:<id>` or `system`. */
  actorKind: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  ip: z.string(),
  userAgent: z.string(),
  requestId: z.string(),
  createdAt: z.date(),
});
export type TAuditEntryOutput = z.infer<typeof ZAuditEntryOutput>;

export const ZAuditPageOutput = z.object({
  items: z.array(ZAuditEntryOutput),
  nextCursor: ZId.nullable(),
});

export const ZAuditVerifyOutput = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z
    .object({
      seq: z.string(),
      id: ZId.nullable(),
      reason: z.enum([
        "content_changed",
        "link_broken",
        "sequence_gap",
        "checkpoint_signature_invalid",
      ]),
    })
    .nullable(),
  checkpoint: z.object({ throughSeq: z.string(), createdAt: z.date() }).nullable(),
});
