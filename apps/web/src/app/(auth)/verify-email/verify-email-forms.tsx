"use client";

import Link from "next/link";
import { useActionState } from "react";

import type { FormState } from "~/components/forms/form-state";
import { Field, FormAlert, FormSuccess } from "~/components/forms/action-field";
import { initialFormState } from "~/components/forms/form-state";
import { Button } from "~/components/ui/button";
import { resendVerificationAction, verifyEmailAction } from "./actions";

/** A button, not an automatic GET: mail scanners that prefetch links must not use the token up. */
export function VerifyEmailForm(props: { token: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(
    verifyEmailAction,
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
  return (
    <form action={action} className="grid gap-4">
      <input type="hidden" name="token" value={props.token} />
      {state.error ? (
        <FormAlert>
          {state.error}{" "}
          <Link href="/verify-email" className="underline">
            Send a new link
          </Link>
        </FormAlert>
      ) : null}
      <Button type="submit" pending={pending} className="w-full">
        Verify email
      </Button>
    </form>
  );
}

export function ResendVerificationForm(props: { email?: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(
    resendVerificationAction,
    initialFormState,
  );
  if (state.success) return <FormSuccess>{state.success}</FormSuccess>;
  return (
    <form action={action} className="grid gap-4" noValidate>
      <Field
        id="resend-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        defaultValue={state.values?.email ?? props.email}
        errors={state.fieldErrors?.email}
      />
      {state.error ? <FormAlert>{state.error}</FormAlert> : null}
      <Button type="submit" pending={pending} className="w-full">
        Send verification link
      </Button>
    </form>
  );
}
