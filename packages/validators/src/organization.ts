// Organization and membership schemas.
import { z } from "zod";

import { boundedText, singleLineText, ZId, ZSlug } from "./common.ts";
import { ZMembershipRole, ZPermission } from "./permissions.ts";

export const ZPlan = z.enum(["FREE", "PRO", "ENTERPRISE"]);
export type TPlan = z.infer<typeof ZPlan>;

export const ZOrganizationStatus = z.enum(["ACTIVE", "SUSPENDED", "ARCHIVED", "DELETED"]);
export type TOrganizationStatus = z.infer<typeof ZOrganizationStatus>;

export const ZOrganizationSummary = z.object({
  id: ZId,
  name: z.string(),
  slug: ZSlug,
  plan: ZPlan,
  status: ZOrganizationStatus,
  role: ZMembershipRole,
});
export type TOrganizationSummary = z.infer<typeof ZOrganizationSummary>;

/** One of the caller's organizations (organization.mine). */
export const ZMyOrganization = ZOrganizationSummary.extend({
  /** The session's active organization (the one it last worked in). */
  active: z.boolean(),
});
export type TMyOrganization = z.infer<typeof ZMyOrganization>;

/** Identifies an organization by id or slug; the server always checks membership. */
export const ZOrganizationRef = z.union([ZId, ZSlug]);

export const ORGANIZATION_NAME_MAX = 100;
export const MAX_ALLOWED_EMAIL_DOMAINS = 20;

export const ZEmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    message: "Enter a domain such as example.com",
  });

export const ZCreateOrganizationInput = z.object({
  name: boundedText("Name", ORGANIZATION_NAME_MAX),
  slug: ZSlug,
});
export type TCreateOrganizationInput = z.input<typeof ZCreateOrganizationInput>;

export const ZUpdateOrganizationInput = z
  .object({
    name: boundedText("Name", ORGANIZATION_NAME_MAX).optional(),
    slug: ZSlug.optional(),
    allowedEmailDomains: z
      .array(ZEmailDomain)
      .max(MAX_ALLOWED_EMAIL_DOMAINS, {
        message: `At most ${MAX_ALLOWED_EMAIL_DOMAINS} domains`,
      })
      .optional(),
  })
  .refine(
    (v) => v.name !== undefined || v.slug !== undefined || v.allowedEmailDomains !== undefined,
    { message: "Nothing to update" },
  );
export type TUpdateOrganizationInput = z.input<typeof ZUpdateOrganizationInput>;

/** The active organization as its member sees it, with what the member may do there. */
export const ZCurrentOrganizationOutput = ZOrganizationSummary.extend({
  statusReason: z.string().nullable(),
  allowedEmailDomains: z.array(z.string()),
  deletedAt: z.date().nullable(),
  /** Date after which a deleted organization can no longer be restored. */
  restorableUntil: z.date().nullable(),
  membershipId: ZId,
  customRole: z.object({ id: ZId, name: z.string() }).nullable(),
  permissions: z.array(ZPermission),
  /** The organization holds licenses but none is usable: read-only until renewed (show a banner). */
  licenseLapsed: z.boolean(),
});
export type TCurrentOrganizationOutput = z.infer<typeof ZCurrentOrganizationOutput>;

export const ZOrganizationOutput = z.object({
  id: ZId,
  name: z.string(),
  slug: ZSlug,
  plan: ZPlan,
  status: ZOrganizationStatus,
});
export type TOrganizationOutput = z.infer<typeof ZOrganizationOutput>;

/** Typing the slug again confirms a destructive action. */
export const ZConfirmSlugInput = z.object({ confirmSlug: singleLineText("Slug").max(48) });

export const ZProposeOwnershipTransferInput = z.object({ membershipId: ZId });
export const ZOwnershipTransferIdInput = z.object({ id: ZId });

const ZTransferParty = z.object({
  membershipId: ZId,
  userId: ZId,
  name: z.string(),
  email: z.string(),
});

export const ZOwnershipTransferOutput = z.object({
  id: ZId,
  status: z.enum(["PENDING", "ACCEPTED", "DECLINED", "CANCELLED"]),
  from: ZTransferParty,
  to: ZTransferParty,
  expiresAt: z.date(),
  createdAt: z.date(),
  resolvedAt: z.date().nullable(),
});
export type TOwnershipTransferOutput = z.infer<typeof ZOwnershipTransferOutput>;
