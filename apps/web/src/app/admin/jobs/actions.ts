"use server";

// "Retry now" on the platform admin's jobs page (admin.jobs.retry checks the platform role).
import { revalidatePath } from "next/cache";

import { ZAdminJobRef } from "@tenantry/validators";

import { callerFor } from "~/trpc/server";

export async function retryJobAction(formData: FormData): Promise<void> {
  const parsed = ZAdminJobRef.safeParse({
    queue: formData.get("queue"),
    jobId: formData.get("jobId"),
  });
  if (!parsed.success) return;
  await (await callerFor(null)).admin.jobs.retry(parsed.data);
  revalidatePath("/admin/jobs");
}
