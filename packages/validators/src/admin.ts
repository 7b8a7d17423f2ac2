// Platform-admin console schemas: searching organizations and users, suspending and reinstating with a reason.
import { z } from "zod";

import { ZId, ZPageInput } from "./common.ts";
import { ZOrganizationStatus, ZPlan } from "./organization.ts";

const ZSearch = z.string().trim().max(100).optional();
export const ZReason = z
  .string()
  .trim()
  .min(3, { message: "Give a reason (at least 3 characters)" })
  .max(500, { message: "Reason must be at most 500 characters" });

export const ZUserStatus = z.enum(["ACTIVE", "DEACTIVATED", "SUSPENDED"]);

export const ZAdminListOrganizationsInput = ZPageInput.extend({
  query: ZSearch,
  status: ZOrganizationStatus.optional(),
});

export const ZAdminOrganizationOutput = z.object({
  id: ZId,
  name: z.string(),
  slug: z.string(),
  plan: ZPlan,
  status: ZOrganizationStatus,
  statusReason: z.string().nullable(),
  deletedAt: z.date().nullable(),
  createdAt: z.date(),
});
export type TAdminOrganizationOutput = z.infer<typeof ZAdminOrganizationOutput>;

export const ZAdminOrganizationPageOutput = z.object({
  items: z.array(ZAdminOrganizationOutput),
  nextCursor: ZId.nullable(),
});

export const ZAdminOrganizationDetailOutput = ZAdminOrganizationOutput.extend({
  memberCount: z.number().int(),
  owners: z.array(z.object({ userId: ZId, name: z.string(), email: z.string() })),
  /** Lifecycle events from the organization's audit log: who changed the status, when and why. */
  history: z.array(
    z.object({
      action: z.string(),
      reason: z.string().nullable(),
      actorEmail: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
});
export type TAdminOrganizationDetailOutput = z.infer<typeof ZAdminOrganizationDetailOutput>;

export const ZAdminOrganizationActionInput = z.object({ id: ZId, reason: ZReason });
export const ZAdminIdInput = z.object({ id: ZId });

export const ZAdminListUsersInput = ZPageInput.extend({
  query: ZSearch,
  status: ZUserStatus.optional(),
});

export const ZAdminUserOutput = z.object({
  id: ZId,
  email: z.string(),
  name: z.string(),
  status: ZUserStatus,
  platformRole: z.enum(["USER", "ADMIN"]),
  createdAt: z.date(),
});
export type TAdminUserOutput = z.infer<typeof ZAdminUserOutput>;

export const ZAdminUserPageOutput = z.object({
  items: z.array(ZAdminUserOutput),
  nextCursor: ZId.nullable(),
});

export const ZAdminSetUserStatusInput = z.object({ id: ZId, status: ZUserStatus, reason: ZReason });

export const ZUserStatusEventOutput = z.object({
  id: ZId,
  status: ZUserStatus,
  reason: z.string(),
  actor: z.object({ id: ZId, email: z.string() }).nullable(),
  createdAt: z.date(),
});
