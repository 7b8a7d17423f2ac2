// Invitation schemas. A token is `<organizationId>.<invitationId>.<secret>`; only the secret's hash is stored.
import { z } from "zod";

import { ZEmail } from "./auth.ts";
import { ZId, ZSlug } from "./common.ts";
import { ZRoleAssignment } from "./member.ts";
import { ZMembershipRole } from "./permissions.ts";

export const INVITATION_TOKEN_MAX = 160;

export const ZInvitationToken = z
  .string()
  .trim()
  .max(INVITATION_TOKEN_MAX)
  .regex(/^[0-9a-f-]{36}\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/, {
    message: "This invitation link is malformed",
  });

export const ZCreateInvitationInput = z.intersection(z.object({ email: ZEmail }), ZRoleAssignment);
export type TCreateInvitationInput = z.input<typeof ZCreateInvitationInput>;

export const ZInvitationIdInput = z.object({ id: ZId });
export const ZInvitationTokenInput = z.object({ token: ZInvitationToken });

export const ZInvitationOutput = z.object({
  id: ZId,
  email: z.string(),
  role: ZMembershipRole,
  customRole: z.object({ id: ZId, name: z.string() }).nullable(),
  status: z.enum(["PENDING", "ACCEPTED", "REVOKED"]),
  expired: z.boolean(),
  expiresAt: z.date(),
  createdAt: z.date(),
  invitedBy: z.object({ id: ZId, name: z.string(), email: z.string() }).nullable(),
});
export type TInvitationOutput = z.infer<typeof ZInvitationOutput>;

/** Returned to the inviter only, once per token: the link to share ("copy invite link"). */
export const ZInvitationWithLinkOutput = z.object({
  invitation: ZInvitationOutput,
  token: z.string(),
  acceptPath: z.string(),
});
export type TInvitationWithLinkOutput = z.infer<typeof ZInvitationWithLinkOutput>;

export const ZInvitationPreviewOutput = z.object({
  organization: z.object({ name: z.string(), slug: ZSlug }),
  email: z.string(),
  role: ZMembershipRole,
  customRoleName: z.string().nullable(),
  expiresAt: z.date(),
  invitedByName: z.string().nullable(),
  /** Whether the signed-in user's email matches the invitation. */
  emailMatches: z.boolean(),
});
export type TInvitationPreviewOutput = z.infer<typeof ZInvitationPreviewOutput>;

export const ZAcceptInvitationOutput = z.object({
  organization: z.object({ id: ZId, name: z.string(), slug: ZSlug }),
  membershipId: ZId,
});

/** An invitation addressed to the signed-in user: only the inviting organization's name, the inviter and the role. */
export const ZMyInvitationOutput = z.object({
  id: ZId,
  organizationId: ZId,
  organizationName: z.string(),
  role: ZMembershipRole,
  customRoleName: z.string().nullable(),
  invitedByName: z.string().nullable(),
  expiresAt: z.date(),
  createdAt: z.date(),
});
export type TMyInvitationOutput = z.infer<typeof ZMyInvitationOutput>;

/** Accepting or declining an invitation from the signed-in user's list (no token: the verified email is the proof). */
export const ZMyInvitationInput = z.object({ organizationId: ZId, id: ZId });
export type TMyInvitationInput = z.infer<typeof ZMyInvitationInput>;
