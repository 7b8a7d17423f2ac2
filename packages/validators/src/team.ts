// Team schemas: teams inside an organization, their members, and project assignment.
import { z } from "zod";

import { boundedText, ZId } from "./common.ts";

export const TEAM_NAME_MAX = 80;

export const ZCreateTeamInput = z.object({ name: boundedText("Name", TEAM_NAME_MAX) });
export type TCreateTeamInput = z.input<typeof ZCreateTeamInput>;

export const ZRenameTeamInput = z.object({ id: ZId, name: boundedText("Name", TEAM_NAME_MAX) });
export type TRenameTeamInput = z.input<typeof ZRenameTeamInput>;

export const ZTeamIdInput = z.object({ id: ZId });

export const ZTeamMemberInput = z.object({ teamId: ZId, membershipId: ZId });
export type TTeamMemberInput = z.input<typeof ZTeamMemberInput>;

/** teamId null unassigns the project. */
export const ZAssignProjectTeamInput = z.object({ projectId: ZId, teamId: ZId.nullable() });
export type TAssignProjectTeamInput = z.input<typeof ZAssignProjectTeamInput>;

export const ZTeamOutput = z.object({
  id: ZId,
  name: z.string(),
  createdAt: z.date(),
  members: z.array(
    z.object({ membershipId: ZId, userId: ZId, name: z.string(), email: z.string() }),
  ),
  projects: z.array(z.object({ id: ZId, name: z.string() })),
});
export type TTeamOutput = z.infer<typeof ZTeamOutput>;
