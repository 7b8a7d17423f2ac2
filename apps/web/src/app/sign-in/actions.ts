"use server";

import { AuthError } from "next-auth";

import { signIn } from "@tenantry/auth/next";
import { ZSignInInput } from "@tenantry/validators";

export interface SignInState {
  error: string | null;
  /** Echoed back so a failed attempt keeps what the user typed (React resets the form after an action). */
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
    if (error instanceof AuthError) {
      return { error: "Email or password is incorrect", email };
    }
    throw error;
  }
}

function parsedFieldErrors(issues: { path: PropertyKey[]; message: string }[]) {
  const out: Partial<Record<"email" | "password", string[]>> = {};
  for (const issue of issues) {
    const key = issue.path[0];
    if (key === "email" || key === "password") (out[key] ??= []).push(issue.message);
  }
  return out;
}
