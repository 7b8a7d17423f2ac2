// Member schemas: the members table, role changes and removal.
import { z } from "zod";

import { ZId, ZPageInput, ZPageLimit } from "./common.ts";
import { ZMembershipRole } from "./permissions.ts";

/**
 * A role to grant: a built-in role, or a custom role of the organization (exactly one). Shared by role changes and
 * invitations.
 */
export const ZRoleAssignment = z
  .object({ role: ZMembershipRole.optional(), customRoleId: ZId.optional() })
  .refine((v) => (v.role === undefined) !== (v.customRoleId === undefined), {
    message: "Choose either a built-in role or a custom role",
  });
export type TRoleAssignment = z.input<typeof ZRoleAssignment>;

export const ZListMembersInput = ZPageInput.extend({
  limit: ZPageLimit(100),
});

export const ZMemberOutput = z.object({
  id: ZId,
  userId: ZId,
  name: z.string(),
  email: z.string(),
  role: ZMembershipRole,
  customRole: z.object({ id: ZId, name: z.string() }).nullable(),
  createdAt: z.date(),
});
export type TMemberOutput = z.infer<typeof ZMemberOutput>;

export const ZMemberPageOutput = z.object({
  items: z.array(ZMemberOutput),
  nextCursor: ZId.nullable(),
});

export const ZUpdateMemberRoleInput = z.intersection(
  z.object({ membershipId: ZId }),
  ZRoleAssignment,
);
export type TUpdateMemberRoleInput = z.input<typeof ZUpdateMemberRoleInput>;

export const ZMembershipIdInput = z.object({ membershipId: ZId });
