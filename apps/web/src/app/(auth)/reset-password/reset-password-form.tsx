"use client";

import Link from "next/link";
import { useActionState } from "react";

import type { FormState } from "~/components/forms/form-state";
import { Field, FormAlert, FormSuccess } from "~/components/forms/action-field";
import { initialFormState } from "~/components/forms/form-state";
import { Button } from "~/components/ui/button";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm(props: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(
    resetPasswordAction,
    initialFormState,
  );
  if (state.success) {
    return (
      <FormSuccess>
        <p>{state.success}</p>
        <p className="mt-2">
          <Link href="/sign-in" className="font-medium underline">
            Continue to sign in
          </Link>
        </p>
      </FormSuccess>
    );
  }
  const tokenError = state.fieldErrors?.token?.[0];
  return (
    <form action={action} className="grid gap-4" noValidate>
      <input type="hidden" name="token" value={props.token} />
      <Field
        id="reset-password"
        name="password"
        type="password"
        label="New password"
        autoComplete="new-password"
        hint="At least 8 characters; 12 or more recommended."
        errors={state.fieldErrors?.password}
      />
      {tokenError || state.error ? (
        <FormAlert>
          {tokenError ?? state.error}{" "}
          {tokenError ? (
            <Link href="/forgot-password" className="underline">
              Request a new link
            </Link>
          ) : null}
        </FormAlert>
      ) : null}
      <Button type="submit" pending={pending} className="w-full">
        Set new password
      </Button>
    </form>
  );
}
