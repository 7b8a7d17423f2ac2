"use client";

import Link from "next/link";
import { useActionState } from "react";

import type { FormState } from "~/components/forms/form-state";
import { Field, FormAlert, FormSuccess } from "~/components/forms/action-field";
import { initialFormState } from "~/components/forms/form-state";
import { Button } from "~/components/ui/button";
import { signUpAction } from "./actions";

export function SignUpForm() {
  const [state, action, pending] = useActionState<FormState, FormData>(
    signUpAction,
    initialFormState,
  );
  if (state.success) {
    return (
      <FormSuccess>
        <p className="font-medium">Check your email</p>
        <p className="mt-1">{state.success}</p>
        <p className="mt-2 text-muted-foreground">
          No message?{" "}
          <Link href="/verify-email" className="underline">
            Send it again
          </Link>
          .
        </p>
      </FormSuccess>
    );
  }
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="grid gap-4" noValidate>
      <Field
        id="sign-up-name"
        name="name"
        label="Your name"
        autoComplete="name"
        defaultValue={state.values?.name}
        errors={errors.name}
      />
      <Field
        id="sign-up-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        defaultValue={state.values?.email}
        errors={errors.email}
      />
      <Field
        id="sign-up-password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        hint="At least 8 characters; 12 or more recommended. A few unrelated words make a strong, memorable password."
        errors={errors.password}
      />
      <Field
        id="sign-up-organization"
        name="organizationName"
        label="Organization name"
        autoComplete="organization"
        defaultValue={state.values?.organizationName}
        errors={errors.organizationName}
      />
      {state.error ? <FormAlert>{state.error}</FormAlert> : null}
      <Button type="submit" pending={pending} className="w-full">
        Create account
      </Button>
    </form>
  );
}
