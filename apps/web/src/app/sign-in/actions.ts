"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";

import {
  appUrl,
  OUTBOX_PASS_TTL_SECONDS,
  outboxForRecipients,
  signOutboxPass,
} from "@tenantry/auth";
import { oauthProviders, parseSignInCode, signIn } from "@tenantry/auth/next";
import { ZSignInInput } from "@tenantry/validators";

import { OUTBOX_PASS_COOKIE } from "~/server/outbox-access";

export interface SignInState {
  error: string | null;
  /** Set when the password was right but the email is not verified yet (the form offers to resend the link). */
  unverified?: boolean;
  /** Set with `unverified` when this server sends no mail: the verification mail is in the outbox (see below). */
  outbox?: boolean;
  /** Echoed back so a failed attempt keeps what the user typed (React resets forms after an action). */
  email?: string;
  fieldErrors?: Partial<Record<"email" | "password", string[]>>;
}

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = ZSignInInput.safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
  });
  const rawEmail = formData.get("email");
  const email = typeof rawEmail === "string" ? rawEmail : "";
  if (!parsed.success) {
    return { error: null, email, fieldErrors: parsedFieldErrors(parsed.error.issues) };
  }
  try {
    // Redirects (by throwing) on success.
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
    return { error: null };
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const { reason, retryAfterSeconds } = parseSignInCode(error.code);
      if (reason === "rate_limited") {
        return {
          error: `Too many failed sign-in attempts. Try again in ${formatWait(retryAfterSeconds ?? 60)}, or reset your password.`,
          email,
        };
      }
      if (reason === "unverified") {
        // The password was right: a pass to this address's mail in the outbox, when this server sends none.
        const outbox = outboxForRecipients();
        if (outbox) {
          (await cookies()).set(OUTBOX_PASS_COOKIE, signOutboxPass(parsed.data.email), {
            httpOnly: true,
            sameSite: "lax",
            secure: appUrl().startsWith("https:"),
            path: "/dev/outbox",
            maxAge: OUTBOX_PASS_TTL_SECONDS,
          });
        }
        return {
          outbox,
          error: "Verify your email address first: open the link we sent you.",
          unverified: true,
          email,
        };
      }
      return { error: "Email or password is incorrect", email };
    }
    if (error instanceof AuthError) {
      return { error: "Sign-in is unavailable right now. Please try again.", email };
    }
    throw error;
  }
}

/** Starts a GitHub/Google sign-in; next-auth redirects to the provider (by throwing). */
export async function oauthSignInAction(formData: FormData): Promise<void> {
  const provider = formData.get("provider");
  if (typeof provider !== "string" || !oauthProviders.some((p) => p.id === provider)) {
    redirect("/sign-in");
  }
  await signIn(provider, { redirectTo: "/" });
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

function parsedFieldErrors(issues: { path: PropertyKey[]; message: string }[]) {
  const out: Partial<Record<"email" | "password", string[]>> = {};
  for (const issue of issues) {
    const key = issue.path[0];
    if (key === "email" || key === "password") (out[key] ??= []).push(issue.message);
  }
  return out;
}
