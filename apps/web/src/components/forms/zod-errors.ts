// The one reader of validation errors in the web app, for both places they arrive: a tRPC error in the browser
// (the API's error formatter flattened the zod issues into `data.zodError`) and a TRPCError thrown by the
// server-side caller in a server action (there no formatter runs; its `cause` is the ZodError itself).
import { z } from "zod";

export interface ZodFieldErrors {
  /** Issues of the whole input (no field path). */
  formErrors: string[];
  /** First path segment -> its messages, as `z.flattenError` shapes them. */
  fieldErrors: Record<string, string[]>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

function clean(flat: { formErrors?: unknown; fieldErrors?: unknown }): ZodFieldErrors | null {
  const formErrors = Array.isArray(flat.formErrors)
    ? flat.formErrors.filter((m): m is string => typeof m === "string")
    : [];
  const fieldErrors: Record<string, string[]> = {};
  if (isObject(flat.fieldErrors)) {
    for (const [field, messages] of Object.entries(flat.fieldErrors)) {
      if (!Array.isArray(messages)) continue;
      const strings = messages.filter((m): m is string => typeof m === "string");
      if (strings.length > 0) fieldErrors[field] = strings;
    }
  }
  return formErrors.length > 0 || Object.keys(fieldErrors).length > 0
    ? { formErrors, fieldErrors }
    : null;
}

/** The validation errors an error carries, or null when it is not a validation error. */
export function zodErrorsOf(error: unknown): ZodFieldErrors | null {
  if (!isObject(error)) return null;
  const data = error.data;
  if (isObject(data) && isObject(data.zodError)) return clean(data.zodError);
  const cause = error.cause;
  if (isObject(cause) && Array.isArray(cause.issues)) {
    return clean(z.flattenError(cause as unknown as z.ZodError));
  }
  return null;
}

/** The first validation message of an error, field or form level. */
export function firstZodMessage(error: unknown): string | null {
  const errors = zodErrorsOf(error);
  if (!errors) return null;
  return errors.formErrors[0] ?? Object.values(errors.fieldErrors)[0]?.[0] ?? null;
}

/**
 * A message for a toast, an inline alert or a redirect's `?error=`: the first validation issue when there is one
 * (a validation error's own message is zod's JSON dump of the issues), else the error's message.
 */
export function errorMessage(
  error: unknown,
  fallback = "Something went wrong. Please try again.",
): string {
  const validation = firstZodMessage(error);
  if (validation) return validation;
  if (isObject(error) && typeof error.message === "string" && error.message.length > 0) {
    // A message that is still zod's JSON (an unflattened validation error we could not read) helps nobody.
    if (!error.message.startsWith("[")) return error.message;
  }
  return fallback;
}
