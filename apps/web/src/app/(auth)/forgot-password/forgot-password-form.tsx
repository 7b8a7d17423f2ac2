"use client";

import { useActionState } from "react";

import type { FormState } from "~/components/forms/form-state";
import { Field, FormAlert, FormSuccess } from "~/components/forms/action-field";
import { initialFormState } from "~/components/forms/form-state";
import { Button } from "~/components/ui/button";
import { forgotPasswordAction } from "./actions";

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(
    forgotPasswordAction,
    initialFormState,
  );
  if (state.success) return <FormSuccess>{state.success}</FormSuccess>;
  return (
    <form action={action} className="grid gap-4" noValidate>
      <Field
        id="forgot-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        defaultValue={state.values?.email}
        errors={state.fieldErrors?.email}
      />
      {state.error ? <FormAlert>{state.error}</FormAlert> : null}
      <Button type="submit" pending={pending} className="w-full">
        Send reset link
      </Button>
    </form>
  );
}
