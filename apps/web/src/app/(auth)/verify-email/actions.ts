"use server";

import type { FormState } from "~/components/forms/form-state";
import { failure, text } from "~/components/forms/form-state";
import { callerFor } from "~/trpc/server";

export async function verifyEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  try {
    const api = await callerFor(null);
    const res = await api.auth.verifyEmail({ token: text(formData, "token") });
    return {
      success:
        res.kind === "verified"
          ? `Your email address ${res.email} is verified. You can sign in now.`
          : `Your email address is now ${res.email}.`,
    };
  } catch (error) {
    const state = failure(error);
    // The token field is hidden, so its message becomes the form's message.
    const tokenError = state.fieldErrors?.token?.[0];
    return tokenError ? { error: tokenError } : state;
  }
}

export async function resendVerificationAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const email = text(formData, "email");
  try {
    const api = await callerFor(null);
    await api.auth.resendVerification({ email });
    return {
      success: `If ${email.trim().toLowerCase()} belongs to an account that is not verified yet, we sent it a new link.`,
    };
  } catch (error) {
    return failure(error, { email });
  }
}
