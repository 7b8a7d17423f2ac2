// The signed-in user's own account (profile, password, email, deletion).
import { z } from "zod";

import { ZEmail, ZNewPassword, ZPassword, ZPersonName } from "./auth.ts";
import { ZId } from "./common.ts";

/** An IANA time zone name the runtime knows ("Europe/Berlin", "UTC"). */
export const ZTimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, "Not a time zone name")
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "Unknown time zone");

export const ZAccountOutput = z.object({
  id: ZId,
  email: ZEmail,
  name: z.string(),
  emailVerified: z.date().nullable(),
  /** ADMIN opens the platform admin console (its procedures check the role themselves). */
  platformRole: z.enum(["USER", "ADMIN"]),
  /** Display time zone; null follows the browser. */
  timeZone: z.string().nullable(),
  createdAt: z.date(),
});
export type TAccountOutput = z.infer<typeof ZAccountOutput>;

export const ZUpdateProfileInput = z.object({
  name: ZPersonName,
  /** Left out: unchanged; null: follow the browser. */
  timeZone: ZTimeZone.nullable().optional(),
});
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
