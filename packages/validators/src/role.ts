// Custom role schemas. Permission keys are members of the registry (./permissions.ts).
import { z } from "zod";

import { boundedText, multiLineText, ZId } from "./common.ts";
import { ZPermission } from "./permissions.ts";

export const ROLE_NAME_MAX = 50;
export const ROLE_DESCRIPTION_MAX = 300;

const ZPermissionKeys = z.array(ZPermission).max(100);

const ZRoleDescription = multiLineText("Description").trim().max(ROLE_DESCRIPTION_MAX);

export const ZCreateRoleInput = z.object({
  name: boundedText("Name", ROLE_NAME_MAX),
  description: ZRoleDescription.default(""),
  permissions: ZPermissionKeys,
});
export type TCreateRoleInput = z.input<typeof ZCreateRoleInput>;

export const ZUpdateRoleInput = z
  .object({
    id: ZId,
    name: boundedText("Name", ROLE_NAME_MAX).optional(),
    description: ZRoleDescription.optional(),
    permissions: ZPermissionKeys.optional(),
  })
  .refine(
    (v) => v.name !== undefined || v.description !== undefined || v.permissions !== undefined,
    { message: "Nothing to update" },
  );
export type TUpdateRoleInput = z.input<typeof ZUpdateRoleInput>;

export const ZRoleIdInput = z.object({ id: ZId });

export const ZRoleOutput = z.object({
  id: ZId,
  name: z.string(),
  description: z.string(),
  permissions: z.array(ZPermission),
  memberCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TRoleOutput = z.infer<typeof ZRoleOutput>;

export const ZPermissionInfo = z.object({ key: ZPermission, label: z.string() });

export const ZRoleCatalogOutput = z.object({
  permissions: z.array(ZPermissionInfo),
  builtIn: z.array(
    z.object({
      role: z.enum(["OWNER", "ADMIN", "MEMBER", "VIEWER"]),
      permissions: z.array(ZPermission),
    }),
  ),
  custom: z.array(ZRoleOutput),
});
