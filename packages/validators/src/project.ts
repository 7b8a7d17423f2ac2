// Project schemas shared by the API, the dashboard's forms and clients.
import { z } from "zod";

import { boundedText, multiLineText, singleLineText, ZId, ZPageInput } from "./common.ts";

export const PROJECT_NAME_MAX = 120;
export const PROJECT_DESCRIPTION_MAX = 2000;
export const PROJECT_MEMBERS_MAX = 500;

const ZProjectDescription = multiLineText("Description")
  .trim()
  .max(PROJECT_DESCRIPTION_MAX, {
    message: `Description must be at most ${PROJECT_DESCRIPTION_MAX} characters`,
  });

export const ZProjectKey = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9]{1,9}$/, {
    message: "Key must be 2–10 letters or digits, starting with a letter (e.g. WEB)",
  });

export const ZProjectVisibility = z.enum(["ORGANIZATION", "MEMBERS"]);
export type TProjectVisibility = z.infer<typeof ZProjectVisibility>;

export const ZCreateProjectInput = z.object({
  name: boundedText("Name", PROJECT_NAME_MAX),
  /** Derived from the name when omitted. */
  key: ZProjectKey.optional(),
  description: ZProjectDescription.default(""),
  visibility: ZProjectVisibility.default("ORGANIZATION"),
  teamId: ZId.nullish(),
});
export type TCreateProjectInput = z.input<typeof ZCreateProjectInput>;

export const ZUpdateProjectInput = z
  .object({
    id: ZId,
    name: boundedText("Name", PROJECT_NAME_MAX).optional(),
    key: ZProjectKey.optional(),
    description: ZProjectDescription.optional(),
    visibility: ZProjectVisibility.optional(),
    teamId: ZId.nullish(),
  })
  .refine(
    (v) =>
      v.name !== undefined ||
      v.key !== undefined ||
      v.description !== undefined ||
      v.visibility !== undefined ||
      v.teamId !== undefined,
    { message: "Nothing to update" },
  );
export type TUpdateProjectInput = z.input<typeof ZUpdateProjectInput>;

export const ZProjectIdInput = z.object({ id: ZId });

export const ZListProjectsInput = ZPageInput.extend({
  includeArchived: z.boolean().default(false),
  search: singleLineText("Search").max(100).optional(),
});

export const ZProjectMembersInput = z.object({
  id: ZId,
  membershipIds: z
    .array(ZId)
    .min(1, { message: "Choose at least one member" })
    .max(PROJECT_MEMBERS_MAX, { message: `At most ${PROJECT_MEMBERS_MAX} members at a time` }),
});

export const ZProjectOutput = z.object({
  id: ZId,
  organizationId: ZId,
  key: z.string(),
  name: z.string(),
  description: z.string(),
  visibility: ZProjectVisibility,
  teamId: ZId.nullable(),
  createdById: ZId.nullable(),
  archivedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TProjectOutput = z.infer<typeof ZProjectOutput>;

export const ZProjectPageOutput = z.object({
  items: z.array(ZProjectOutput),
  nextCursor: ZId.nullable(),
});

export const ZProjectMemberOutput = z.object({
  membershipId: ZId,
  userId: ZId,
  name: z.string(),
  email: z.string(),
});
