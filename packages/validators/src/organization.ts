// Organization and membership schemas.
import { z } from "zod";

import { ZId, ZSlug } from "./common.ts";

export const ZMembershipRole = z.enum(["OWNER", "ADMIN", "MEMBER", "VIEWER"]);
export type TMembershipRole = z.infer<typeof ZMembershipRole>;

export const ZOrganizationSummary = z.object({
  id: ZId,
  name: z.string(),
  slug: ZSlug,
  plan: z.enum(["FREE", "PRO", "ENTERPRISE"]),
  status: z.enum(["ACTIVE", "SUSPENDED", "ARCHIVED", "DELETED"]),
  role: ZMembershipRole,
});
export type TOrganizationSummary = z.infer<typeof ZOrganizationSummary>;

/** Identifies an organization by id or slug; the server always checks membership. */
export const ZOrganizationRef = z.union([ZId, ZSlug]);
