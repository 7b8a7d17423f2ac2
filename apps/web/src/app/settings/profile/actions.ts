"use server";

import { revalidatePath } from "next/cache";

import { signOut } from "@tenantry/auth/next";

import type { FormState } from "~/components/forms/form-state";
import { failure, text } from "~/components/forms/form-state";
import { callerFor } from "~/trpc/server";

export async function updateProfileAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const name = text(formData, "name");
  // The select always posts: "" is "same as this browser" (null).
  const timeZone = text(formData, "timeZone");
  try {
    await (await callerFor(null)).account.updateProfile({ name, timeZone: timeZone || null });
    // Every shell formats dates with the zone, so all pages re-render with it.
    revalidatePath("/", "layout");
    return { success: "Profile saved.", values: { name, timeZone } };
  } catch (error) {
    return failure(error, { name, timeZone });
  }
}

export async function changePasswordAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  try {
    const res = await (
      await callerFor(null)
    ).account.changePassword({
      currentPassword: text(formData, "currentPassword"),
      newPassword: text(formData, "newPassword"),
    });
    return {
      success:
        res.revokedSessions > 0
          ? `Password changed. ${res.revokedSessions} other session(s) were signed out.`
          : "Password changed.",
    };
  } catch (error) {
    return failure(error);
  }
}

export async function changeEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const newEmail = text(formData, "newEmail");
  try {
    await (
      await callerFor(null)
    ).account.requestEmailChange({
      newEmail,
      currentPassword: text(formData, "currentPassword"),
    });
    return {
      success: `We sent a confirmation link to ${newEmail.trim().toLowerCase()}. Your email changes when you open it.`,
    };
  } catch (error) {
    return failure(error, { newEmail });
  }
}

export async function deleteAccountAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  const confirmEmail = text(formData, "confirmEmail");
  try {
    await (
      await callerFor(null)
    ).account.delete({
      confirmEmail,
      currentPassword: text(formData, "currentPassword"),
    });
  } catch (error) {
    return failure(error, { confirmEmail });
  }
  await signOut({ redirectTo: "/sign-in" });
  return {};
}
