// What every console server action does around its call: read the form, go back to the page it came from (never
// elsewhere), with the refusal's message when the call was refused. Not a "use server" module: nothing here is an
// action a client could call.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";

import { isTRPCError } from "@tenantry/api";

import { errorMessage } from "~/components/forms/zod-errors";

export const field = (formData: FormData, name: string): string => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};

/** Only console pages: a forged return path must not turn the action into an open redirect. */
const returnPath = (formData: FormData): string => {
  const path = field(formData, "returnTo");
  return /^\/admin(\/[\w/-]*)?$/.test(path) ? path : "/admin";
};

/** Expected refusals (validation, FORBIDDEN, CONFLICT…) go back to the page; anything else is a real failure. */
const message = (e: unknown, fallback: string) =>
  isTRPCError(e) ? errorMessage(e, fallback) : fallback;

export async function run(formData: FormData, fallback: string, call: () => Promise<unknown>) {
  const to = returnPath(formData);
  let error: string | null = null;
  try {
    await call();
  } catch (e) {
    error = message(e, fallback);
  }
  revalidatePath("/admin", "layout");
  if (error) redirect(`${to}?error=${encodeURIComponent(error)}`);
  redirect(to);
}
