"use server";

import type { FormState } from "~/components/forms/form-state";
import { failure, text } from "~/components/forms/form-state";
import { callerFor } from "~/trpc/server";

export async function signUpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = {
    name: text(formData, "name"),
    email: text(formData, "email"),
    organizationName: text(formData, "organizationName"),
  };
  try {
    const api = await callerFor(null);
    await api.auth.signUp({ ...values, password: text(formData, "password") });
    // The same answer whether or not the address was already registered (no account enumeration).
    return {
      success: `We sent a verification link to ${values.email.trim().toLowerCase()}. Open it to activate your account, then sign in.`,
      values,
    };
  } catch (error) {
    return failure(error, values);
  }
}
