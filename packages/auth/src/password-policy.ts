// Password policy beyond what a form can check (OWASP ASVS 5): not in a list of common passwords, not the email.
import { dictionary } from "@zxcvbn-ts/language-common";

import {
  PASSWORD_COMMON_MESSAGE,
  PASSWORD_EQUALS_EMAIL_MESSAGE,
  PASSWORD_MAX,
  PASSWORD_MIN,
} from "@tenantry/validators";

let common: ReadonlySet<string> | undefined;

/** ~49,000 most common passwords (zxcvbn-ts' list), lower-cased, loaded once per process. */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

export function commonPasswordCount(): number {
  return commonPasswords().size;
}

/** Case-insensitive: "Password1" is as guessable as "password1". */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** The first rule a new password breaks, as a message for the password field, or null when it is acceptable. */
export function checkPasswordPolicy(password: string, email?: string | null): string | null {
  if (password.length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Password must be at most ${PASSWORD_MAX} characters`;
  if (password.trim().toLowerCase() === email?.trim().toLowerCase())
    return PASSWORD_EQUALS_EMAIL_MESSAGE;
  if (isCommonPassword(password) || isCommonPassword(password.trim()))
    return PASSWORD_COMMON_MESSAGE;
  return null;
}
