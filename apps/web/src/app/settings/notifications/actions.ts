"use server";

import { revalidatePath } from "next/cache";

import { ZNotificationKind } from "@tenantry/validators";

import { callerFor } from "~/trpc/server";

/** One kind's choice: "both", "in_app", "email" or "off". */
export async function setNotificationPreferenceAction(formData: FormData): Promise<void> {
  const kind = ZNotificationKind.safeParse(formData.get("kind"));
  const choice = formData.get("choice");
  if (!kind.success || typeof choice !== "string") return;
  await (
    await callerFor(null)
  ).notification.setPreference({
    kind: kind.data,
    inApp: choice === "both" || choice === "in_app",
    email: choice === "both" || choice === "email",
  });
  revalidatePath("/settings/notifications");
}
