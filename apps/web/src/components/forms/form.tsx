"use client";

// Forms: react-hook-form + the shared zod schemas from @tenantry/validators. The same schema validates in the
// browser (zodResolver) and on the server (the procedure's .input()); server field errors map back onto fields.
import type { Label as LabelPrimitive } from "radix-ui";
import type {
  ControllerProps,
  FieldPath,
  FieldValues,
  Path,
  UseFormProps,
  UseFormReturn,
} from "react-hook-form";
import type { z } from "zod";
import * as React from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { Slot } from "radix-ui";
import { Controller, FormProvider, useForm, useFormContext, useFormState } from "react-hook-form";

import { Label } from "~/components/ui/label";
import { cn } from "~/lib/utils";
import { errorMessage, zodErrorsOf } from "./zod-errors";

export { errorMessage } from "./zod-errors";

/** useForm bound to a zod schema: field types come from the schema's input, submit values are its output. */
export function useZodForm<TIn extends FieldValues, TOut extends FieldValues>(
  schema: z.ZodType<TOut, TIn>,
  options?: Omit<UseFormProps<TIn, unknown, TOut>, "resolver">,
): UseFormReturn<TIn, unknown, TOut> {
  return useForm<TIn, unknown, TOut>({
    mode: "onTouched",
    ...options,
    resolver: zodResolver(schema),
  });
}

/**
 * Maps a tRPC error's flattened zod errors (`error.data.zodError.fieldErrors`) onto the form's fields; anything
 * that does not belong to a field (form-level issues, FORBIDDEN, CONFLICT…) becomes `errors.root.server`, which
 * <FormRootError /> shows. Returns true when at least one field got an error.
 */
export function applyServerErrors<T extends FieldValues>(
  form: Pick<UseFormReturn<T, unknown, FieldValues>, "setError" | "getValues">,
  error: unknown,
): boolean {
  const zodError = zodErrorsOf(error);
  const values = form.getValues() as Record<string, unknown>;
  let mapped = false;
  const leftovers: string[] = [...(zodError?.formErrors ?? [])];
  for (const [field, messages] of Object.entries(zodError?.fieldErrors ?? {})) {
    const first = messages[0];
    if (!first) continue;
    if (field in values) {
      form.setError(field as Path<T>, { type: "server", message: first }, { shouldFocus: !mapped });
      mapped = true;
    } else leftovers.push(first);
  }
  if (!mapped || leftovers.length > 0) {
    form.setError("root.server", {
      type: "server",
      message: leftovers[0] ?? errorMessage(error),
    });
  }
  return mapped;
}

export const Form = FormProvider;

interface FormFieldContextValue {
  name: string;
}
const FormFieldContext = React.createContext<FormFieldContextValue | null>(null);

export function FormField<
  TFieldValues extends FieldValues = FieldValues,
  TName extends FieldPath<TFieldValues> = FieldPath<TFieldValues>,
  TTransformed = TFieldValues,
>(props: ControllerProps<TFieldValues, TName, TTransformed>) {
  return (
    <FormFieldContext.Provider value={{ name: props.name }}>
      <Controller {...props} />
    </FormFieldContext.Provider>
  );
}

const FormItemContext = React.createContext<{ id: string } | null>(null);

export function useFormField() {
  const fieldContext = React.useContext(FormFieldContext);
  const itemContext = React.useContext(FormItemContext);
  const { getFieldState } = useFormContext();
  const formState = useFormState({ name: fieldContext?.name });
  if (!fieldContext || !itemContext) {
    throw new Error("useFormField must be used inside <FormField> and <FormItem>");
  }
  const fieldState = getFieldState(fieldContext.name, formState);
  const { id } = itemContext;
  return {
    id,
    name: fieldContext.name,
    formItemId: `${id}-form-item`,
    formDescriptionId: `${id}-form-item-description`,
    formMessageId: `${id}-form-item-message`,
    ...fieldState,
  };
}

export function FormItem({ className, ...props }: React.ComponentProps<"div">) {
  const id = React.useId();
  return (
    <FormItemContext.Provider value={{ id }}>
      <div data-slot="form-item" className={cn("grid gap-2", className)} {...props} />
    </FormItemContext.Provider>
  );
}

export function FormLabel({
  className,
  ...props
}: React.ComponentProps<typeof LabelPrimitive.Root>) {
  const { error, formItemId } = useFormField();
  return (
    <Label
      data-slot="form-label"
      data-error={!!error}
      className={cn(
        "data-[error=true]:text-destructive-text dark:data-[error=true]:text-red-300",
        className,
      )}
      htmlFor={formItemId}
      {...props}
    />
  );
}

export function FormControl(props: React.ComponentProps<typeof Slot.Root>) {
  const { error, formItemId, formDescriptionId, formMessageId } = useFormField();
  return (
    <Slot.Root
      data-slot="form-control"
      id={formItemId}
      aria-describedby={!error ? formDescriptionId : `${formDescriptionId} ${formMessageId}`}
      aria-invalid={!!error}
      {...props}
    />
  );
}

export function FormDescription({ className, ...props }: React.ComponentProps<"p">) {
  const { formDescriptionId } = useFormField();
  return (
    <p
      data-slot="form-description"
      id={formDescriptionId}
      className={cn("text-sm text-muted-foreground", className)}
      {...props}
    />
  );
}

/** The field's zod (or server) message; renders an empty description target when there is none. */
export function FormMessage({ className, ...props }: React.ComponentProps<"p">) {
  const { error, formMessageId } = useFormField();
  const body = error ? String(error.message ?? "") : props.children;
  if (!body) return null;
  return (
    <p
      data-slot="form-message"
      id={formMessageId}
      className={cn("text-sm text-destructive-text dark:text-red-300", className)}
      {...props}
    >
      {body}
    </p>
  );
}

/** Form-level error (from applyServerErrors or form.setError("root.server", …)) as an alert. */
export function FormRootError({ className }: { className?: string }) {
  const { errors } = useFormState();
  const message = errors.root?.server?.message;
  if (!message) return null;
  return (
    <p
      role="alert"
      className={cn(
        "rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm text-destructive-text dark:text-red-300",
        className,
      )}
    >
      {message}
    </p>
  );
}
