// Form state of server actions (sign-up, password reset, profile…): a tRPC error becomes a message plus
// per-field messages, read by the same mapper as client forms (zod-errors.ts).
import { isTRPCError } from "@tenantry/api/trpc-error";

import { zodErrorsOf } from "./zod-errors";

export interface FormState {
  /** Set after a successful submit; the form shows it instead of (or above) the fields. */
  success?: string | null;
  error?: string | null;
  fieldErrors?: Record<string, string[]>;
  /** Echoed back so a failed attempt keeps what the user typed (never passwords). */
  values?: Record<string, string>;
}

export const initialFormState: FormState = {};

export function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** Turns an expected failure into form state; anything else is rethrown (the error boundary shows it). */
export function failure(error: unknown, values: Record<string, string> = {}): FormState {
  if (!isTRPCError(error)) throw error;
  if (error.code === "INTERNAL_SERVER_ERROR") throw error;
  const validation = zodErrorsOf(error);
  if (validation) {
    // Form-level issues (no field path) show under "_", as the forms expect.
    const fieldErrors = { ...validation.fieldErrors };
    if (validation.formErrors.length > 0) fieldErrors._ = validation.formErrors;
    return { fieldErrors, values };
  }
  return { error: error.message, values };
}

/** "45 seconds", "3 minutes", "2 hours". */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hour${hours === 1 ? "" : "s"}`;
}
