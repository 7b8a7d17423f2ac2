// License schemas: seat licenses an organization holds, and members' seats.
import { z } from "zod";

import { ZReason } from "./admin.ts";
import { boundedInt, boundedText, ZId, ZSafeDate } from "./common.ts";

export const ZLicenseStatus = z.enum(["ACTIVE", "EXPIRED", "REVOKED", "SUSPENDED"]);

export const ZLicenseOutput = z.object({
  id: ZId,
  type: z.string(),
  seats: z.number().int(),
  usedSeats: z.number().int(),
  status: ZLicenseStatus,
  /** ACTIVE licenses past their expiry report EXPIRED here. */
  effectiveStatus: ZLicenseStatus,
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
  holders: z.array(z.object({ membershipId: ZId, userId: ZId, email: z.string() })),
});
export type TLicenseOutput = z.infer<typeof ZLicenseOutput>;

export const ZLicenseOverviewOutput = z.object({
  licenses: z.array(ZLicenseOutput),
  /** True when the organization holds licenses but none is usable: it is read-only. */
  lapsed: z.boolean(),
});

export const ZAssignSeatInput = z.object({ licenseId: ZId, membershipId: ZId });
export const ZUnassignSeatInput = z.object({ membershipId: ZId });

export const ZIssueLicenseInput = z.object({
  organizationId: ZId,
  type: boundedText("Type", 40),
  seats: boundedInt(1, 100_000),
  expiresAt: ZSafeDate.nullable(),
});
export type TIssueLicenseInput = z.input<typeof ZIssueLicenseInput>;

export const ZSetLicenseStatusInput = z.object({
  organizationId: ZId,
  id: ZId,
  status: ZLicenseStatus,
  reason: ZReason,
});
