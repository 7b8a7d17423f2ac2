"use client";

import { useActionState } from "react";

import type { SignInState } from "./actions";
import { signInAction } from "./actions";

export function SignInForm() {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {
    error: null,
  });
  return (
    <form action={action} className="stack" noValidate>
      <label>
        Email
        <input
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={state.email}
          required
          aria-invalid={!!state.fieldErrors?.email}
        />
        {state.fieldErrors?.email?.map((m) => (
          <span key={m} className="error">
            {m}
          </span>
        ))}
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={!!state.fieldErrors?.password}
        />
        {state.fieldErrors?.password?.map((m) => (
          <span key={m} className="error">
            {m}
          </span>
        ))}
      </label>
      {state.error ? (
        <p role="alert" className="error">
          {state.error}
        </p>
      ) : null}
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
