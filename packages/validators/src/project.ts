// Project schemas shared by the API, the dashboard's forms and clients.
import { z } from "zod";

import { boundedText, ZId, ZPageInput } from "./common.ts";

export const PROJECT_NAME_MAX = 120;
export const PROJECT_DESCRIPTION_MAX = 2000;

const ZProjectDescription = z
  .string()
  .trim()
  .max(PROJECT_DESCRIPTION_MAX, {
    message: `Description must be at most ${PROJECT_DESCRIPTION_MAX} characters`,
  });

export const ZCreateProjectInput = z.object({
  name: boundedText("Name", PROJECT_NAME_MAX),
  description: ZProjectDescription.default(""),
});
export type TCreateProjectInput = z.input<typeof ZCreateProjectInput>;

export const ZUpdateProjectInput = z
  .object({
    id: ZId,
    name: boundedText("Name", PROJECT_NAME_MAX).optional(),
    description: ZProjectDescription.optional(),
  })
  .refine((v) => v.name !== undefined || v.description !== undefined, {
    message: "Nothing to update",
  });
export type TUpdateProjectInput = z.input<typeof ZUpdateProjectInput>;

export const ZProjectIdInput = z.object({ id: ZId });

export const ZListProjectsInput = ZPageInput;

export const ZProjectOutput = z.object({
  id: ZId,
  organizationId: ZId,
  name: z.string(),
  description: z.string(),
  createdById: ZId.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TProjectOutput = z.infer<typeof ZProjectOutput>;

export const ZProjectPageOutput = z.object({
  items: z.array(ZProjectOutput),
  nextCursor: ZId.nullable(),
});
