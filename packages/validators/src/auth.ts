// Identity schemas shared by the forms, the tRPC procedures and the REST token endpoints.
// The common-password check needs a 49k-entry list, so it lives in @tenantry/auth (checkPasswordPolicy); these
// schemas hold the rules a form can check on its own.
import { z } from "zod";

import { boundedText, storableString, ZId } from "./common.ts";

/** OWASP ASVS 5: at least 8 characters (the UI recommends 12), at most 128, no composition rules. */
export const PASSWORD_MIN = 8;
export const PASSWORD_RECOMMENDED = 12;
export const PASSWORD_MAX = 128;

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: "Email must be at most 254 characters" })
  .pipe(z.email({ message: "Enter a valid email address" }));

/** A password being checked (sign-in, current password): any length up to the maximum. */
export const ZPassword = storableString("Password")
  .min(1, { message: "Password is required" })
  .max(PASSWORD_MAX, { message: `Password must be at most ${PASSWORD_MAX} characters` });

/** A password being set. Not trimmed: every character counts, spaces included. */
export const ZNewPassword = storableString("Password")
  .min(PASSWORD_MIN, { message: `Password must be at least ${PASSWORD_MIN} characters` })
  .max(PASSWORD_MAX, { message: `Password must be at most ${PASSWORD_MAX} characters` });

export const PASSWORD_EQUALS_EMAIL_MESSAGE = "Password must not be your email address";
export const PASSWORD_COMMON_MESSAGE =
  "This password is too common: it appears in lists of leaked passwords. Choose another one";

export const ZPersonName = boundedText("Name", 100);

export const ZSignInInput = z.object({ email: ZEmail, password: ZPassword });
export type TSignInInput = z.infer<typeof ZSignInInput>;

export const ZSignUpInput = z
  .object({
    email: ZEmail,
    name: ZPersonName,
    password: ZNewPassword,
    organizationName: boundedText("Organization name", 100),
  })
  .refine((v) => v.password.trim().toLowerCase() !== v.email, {
    path: ["password"],
    message: PASSWORD_EQUALS_EMAIL_MESSAGE,
  });
export type TSignUpInput = z.infer<typeof ZSignUpInput>;

/** Raw tokens from emailed links: 43 base64url characters (32 random bytes); bounded so junk is cheap to reject. */
export const ZEmailToken = z
  .string()
  .trim()
  .min(16, { message: "This link is invalid" })
  .max(128, { message: "This link is invalid" })
  .regex(/^[A-Za-z0-9_-]+$/, { message: "This link is invalid" });

export const ZEmailOnlyInput = z.object({ email: ZEmail });
export type TEmailOnlyInput = z.infer<typeof ZEmailOnlyInput>;

export const ZVerifyEmailInput = z.object({ token: ZEmailToken });
export type TVerifyEmailInput = z.infer<typeof ZVerifyEmailInput>;

export const ZResetPasswordInput = z.object({ token: ZEmailToken, password: ZNewPassword });
export type TResetPasswordInput = z.infer<typeof ZResetPasswordInput>;

/** Same answer whether or not the email is registered (no account enumeration). */
export const ZAcceptedOutput = z.object({ accepted: z.literal(true) });
export type TAcceptedOutput = z.infer<typeof ZAcceptedOutput>;

export const ZSignUpOutput = ZAcceptedOutput;

export const ZVerifyEmailOutput = z.object({
  /** What the token confirmed: the sign-up address or a changed address. */
  kind: z.enum(["verified", "email_changed"]),
  email: ZEmail,
});
export type TVerifyEmailOutput = z.infer<typeof ZVerifyEmailOutput>;

// ---- token login for non-browser clients (REST: /api/auth/token, /refresh, /logout) ----

export const ZTokenLoginInput = ZSignInInput;

export const ZRefreshTokenInput = z.object({
  /** 43 base64url characters (32 random bytes); bounded and shaped so junk never reaches a lookup. */
  refreshToken: z
    .string()
    .min(16)
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/, { message: "Invalid refresh token" })
    .meta({ example: "q3V0c2lkZS1vZi10aGUtZG9jcy1leGFtcGxlLXRva2Vu" }),
});
export type TRefreshTokenInput = z.infer<typeof ZRefreshTokenInput>;

export const ZTokenPairOutput = z.object({
  tokenType: z.literal("Bearer"),
  accessToken: z.string(),
  /** Seconds until the access token expires (at most 900). */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  /** Seconds until the refresh token expires (it also stops working when its session is revoked or idle). */
  refreshExpiresIn: z.number().int(),
});
export type TTokenPairOutput = z.infer<typeof ZTokenPairOutput>;

// ---- sessions ----

export const ZSessionOutput = z.object({
  id: ZId,
  kind: z.enum(["WEB", "TOKEN"]),
  userAgent: z.string(),
  ip: z.string(),
  createdAt: z.date(),
  lastSeenAt: z.date(),
  expiresAt: z.date(),
  /** The session this request is made with. */
  current: z.boolean(),
});
export type TSessionOutput = z.infer<typeof ZSessionOutput>;

export const ZRevokeSessionInput = z.object({ id: ZId });

export const ZRevokedCountOutput = z.object({ revoked: z.number().int() });

// ---- brute-force lock, as platform admins see it ----

export const ZSignInLockStatus = z.object({
  userId: ZId,
  /** Consecutive failed password sign-ins since the last successful one. */
  failedSignInCount: z.number().int(),
  /** Password sign-in is refused until then; null when not locked. */
  lockedUntil: z.date().nullable(),
  locked: z.boolean(),
});
export type TSignInLockStatus = z.infer<typeof ZSignInLockStatus>;
