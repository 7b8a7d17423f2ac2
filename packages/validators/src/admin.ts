// Platform-admin console schemas: searching organizations and users, suspending and reinstating with a reason.
import { z } from "zod";

import { singleLineText, ZId, ZPageInput } from "./common.ts";
import { ZOrganizationStatus, ZPlan } from "./organization.ts";
import { ZMembershipRole } from "./permissions.ts";

const ZSearch = singleLineText("Search").max(100).optional();
export const ZReason = singleLineText("Reason")
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

export const ZPlatformRole = z.enum(["USER", "ADMIN"]);

/** Grant or remove the platform-admin role (never your own; never the last active platform admin). */
export const ZAdminSetPlatformRoleInput = z.object({
  id: ZId,
  platformRole: ZPlatformRole,
  reason: ZReason,
});

/** Unlock sign-in or revoke sessions of a user; the reason, when given, is kept in the platform audit log. */
export const ZAdminUserActionInput = z.object({ userId: ZId, reason: ZReason.optional() });

export const ZAdminUserDetailOutput = ZAdminUserOutput.extend({
  emailVerified: z.boolean(),
  /** The user's organizations (at most 200), oldest membership first. */
  memberships: z.array(
    z.object({
      membershipId: ZId,
      organizationId: ZId,
      organizationName: z.string(),
      organizationSlug: z.string(),
      organizationStatus: ZOrganizationStatus,
      role: ZMembershipRole,
      customRoleName: z.string().nullable(),
      status: z.enum(["ACTIVE", "SUSPENDED"]),
      createdAt: z.date(),
    }),
  ),
});
export type TAdminUserDetailOutput = z.infer<typeof ZAdminUserDetailOutput>;

export const ZAdminListLicensesInput = z.object({ organizationId: ZId });

// ---- the platform audit log ----

export const ZAdminListAuditInput = ZPageInput.extend({
  action: singleLineText("Action").max(64).optional(),
  targetType: singleLineText("Target type").max(32).optional(),
  targetId: ZId.optional(),
  organizationId: ZId.optional(),
});
export type TAdminListAuditInput = z.input<typeof ZAdminListAuditInput>;

export const ZPlatformAuditEntryOutput = z.object({
  id: ZId,
  actorType: z.enum(["USER", "CLI"]),
  actor: z.object({ id: ZId, name: z.string(), email: z.string() }).nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: ZId.nullable(),
  /** The target's current email (users) or name (organizations); null when it no longer exists. */
  targetLabel: z.string().nullable(),
  organizationId: ZId.nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});
export type TPlatformAuditEntryOutput = z.infer<typeof ZPlatformAuditEntryOutput>;

export const ZPlatformAuditPageOutput = z.object({
  items: z.array(ZPlatformAuditEntryOutput),
  nextCursor: ZId.nullable(),
});
