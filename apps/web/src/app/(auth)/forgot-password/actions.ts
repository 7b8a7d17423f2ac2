"use server";

import type { FormState } from "~/components/forms/form-state";
import { failure, text } from "~/components/forms/form-state";
import { callerFor } from "~/trpc/server";

export async function forgotPasswordAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const email = text(formData, "email");
  try {
    const api = await callerFor(null);
    await api.auth.requestPasswordReset({ email });
    // Deliberately the same whether or not the email is registered.
    return {
      success: `If an account exists for ${email.trim().toLowerCase()}, we sent it a link to reset the password. The link expires in 1 hour.`,
    };
  } catch (error) {
    return failure(error, { email });
  }
}
