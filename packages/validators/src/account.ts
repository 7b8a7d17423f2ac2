// The signed-in user's own account (profile, password, email, deletion).
import { z } from "zod";

import { ZEmail, ZNewPassword, ZPassword, ZPersonName } from "./auth.ts";
import { ZId } from "./common.ts";

export const ZAccountOutput = z.object({
  id: ZId,
  email: ZEmail,
  name: z.string(),
  emailVerified: z.date().nullable(),
  /** ADMIN opens the platform admin console (its procedures check the role themselves). */
  platformRole: z.enum(["USER", "ADMIN"]),
  createdAt: z.date(),
});
export type TAccountOutput = z.infer<typeof ZAccountOutput>;

export const ZUpdateProfileInput = z.object({ name: ZPersonName });
export type TUpdateProfileInput = z.infer<typeof ZUpdateProfileInput>;

export const ZChangePasswordInput = z.object({
  currentPassword: ZPassword,
  newPassword: ZNewPassword,
});
export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;

export const ZChangeEmailInput = z.object({
  newEmail: ZEmail,
  currentPassword: ZPassword,
});
export type TChangeEmailInput = z.infer<typeof ZChangeEmailInput>;

export const ZDeleteAccountInput = z.object({
  currentPassword: ZPassword,
  /** The user types their email to confirm. */
  confirmEmail: ZEmail,
});
export type TDeleteAccountInput = z.infer<typeof ZDeleteAccountInput>;

export const ZChangePasswordOutput = z.object({
  /** How many other sessions were signed out. */
  revokedSessions: z.number().int(),
});
