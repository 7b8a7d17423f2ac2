"use server";

import { revalidatePath } from "next/cache";

import { signOut } from "@tenantry/auth/next";

import { callerFor } from "~/trpc/server";

export async function revokeSessionAction(formData: FormData): Promise<void> {
  const id = formData.get("id");
  if (typeof id !== "string") return;
  const current = formData.get("current") === "1";
  await (await callerFor(null)).session.revoke({ id });
  // Revoking this very session is signing out.
  if (current) await signOut({ redirectTo: "/sign-in" });
  revalidatePath("/settings/sessions");
}

export async function revokeOtherSessionsAction(): Promise<void> {
  await (await callerFor(null)).session.revokeOthers();
  revalidatePath("/settings/sessions");
}
