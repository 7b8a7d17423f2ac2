// Server errors of the task dialogs: the parent checks (same project, no cycle) are thrown by the service as
// BAD_REQUEST without a field path, so they are mapped onto the parent field here; the rest as usual.
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";

import { applyServerErrors, errorMessage } from "~/components/ui/form";

const PARENT_ERROR = /\b(parent|ancestor)\b/i;

export function applyTaskServerErrors<T extends FieldValues & { parentId?: string | null }>(
  form: Pick<UseFormReturn<T, unknown, FieldValues>, "setError" | "getValues">,
  error: unknown,
) {
  const message = errorMessage(error);
  if (PARENT_ERROR.test(message)) {
    form.setError("parentId" as Path<T>, { type: "server", message }, { shouldFocus: true });
    return;
  }
  applyServerErrors(form, error);
}
