"use server";

import type { FormState } from "~/components/forms/form-state";
import { failure, text } from "~/components/forms/form-state";
import { callerFor } from "~/trpc/server";

export async function resetPasswordAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  try {
    const api = await callerFor(null);
    await api.auth.resetPassword({
      token: text(formData, "token"),
      password: text(formData, "password"),
    });
    return {
      success:
        "Your password has been changed and all your sessions were signed out. Sign in with the new password.",
    };
  } catch (error) {
    return failure(error);
  }
}
