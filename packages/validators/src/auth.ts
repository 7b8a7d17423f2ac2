// Sign-in schemas shared by the form and the credentials provider.
import { z } from "zod";

export const PASSWORD_MAX = 128;

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: "Email must be at most 254 characters" })
  .pipe(z.email({ message: "Enter a valid email address" }));

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z
    .string()
    .min(1, { message: "Password is required" })
    .max(PASSWORD_MAX, { message: `Password must be at most ${PASSWORD_MAX} characters` }),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;
