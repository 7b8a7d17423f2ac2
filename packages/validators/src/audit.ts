// Audit log schemas.
import { z } from "zod";

import { singleLineText, ZId, ZPageInput } from "./common.ts";

export const ZListAuditInput = ZPageInput.extend({
  targetType: singleLineText("Target type").max(32).optional(),
  targetId: ZId.optional(),
});

export const ZAuditEntryOutput = z.object({
  id: ZId,
  action: z.string(),
  targetType: z.string(),
  targetId: ZId.nullable(),
  actor: z.object({ id: ZId, name: z.string(), email: z.string() }).nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});
export type TAuditEntryOutput = z.infer<typeof ZAuditEntryOutput>;

export const ZAuditPageOutput = z.object({
  items: z.array(ZAuditEntryOutput),
  nextCursor: ZId.nullable(),
});
