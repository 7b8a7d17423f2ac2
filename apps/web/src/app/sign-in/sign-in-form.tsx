"use client";

import Link from "next/link";
import { useActionState } from "react";

import type { SignInState } from "./actions";
import { Button } from "~/components/ui/button";
import { Input } from "~/components/ui/input";
import { Label } from "~/components/ui/label";
import { signInAction } from "./actions";

export function SignInForm() {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {
    error: null,
  });
  return (
    <form action={action} className="grid gap-4" noValidate>
      <div className="grid gap-2">
        <Label htmlFor="sign-in-email">Email</Label>
        <Input
          id="sign-in-email"
          name="email"
          type="email"
          autoComplete="email"
          defaultValue={state.email}
          required
          aria-invalid={!!state.fieldErrors?.email}
          aria-describedby={state.fieldErrors?.email ? "sign-in-email-error" : undefined}
        />
        {state.fieldErrors?.email ? (
          <p id="sign-in-email-error" className="text-sm text-destructive-text dark:text-red-300">
            {state.fieldErrors.email.join(" ")}
          </p>
        ) : null}
      </div>
      <div className="grid gap-2">
        <div className="flex items-center justify-between">
          <Label htmlFor="sign-in-password">Password</Label>
          <Link
            href="/forgot-password"
            className="text-sm text-muted-foreground underline-offset-4 hover:text-foreground hover:underline"
          >
            Forgot password?
          </Link>
        </div>
        <Input
          id="sign-in-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={!!state.fieldErrors?.password}
          aria-describedby={state.fieldErrors?.password ? "sign-in-password-error" : undefined}
        />
        {state.fieldErrors?.password ? (
          <p
            id="sign-in-password-error"
            className="text-sm text-destructive-text dark:text-red-300"
          >
            {state.fieldErrors.password.join(" ")}
          </p>
        ) : null}
      </div>
      {state.error ? (
        <p
          role="alert"
          className="rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm text-destructive-text dark:text-red-300"
        >
          {state.error}
          {state.unverified ? (
            <>
              {" "}
              <Link
                href={`/verify-email?email=${encodeURIComponent(state.email ?? "")}`}
                className="underline"
              >
                Send a new link
              </Link>
              {state.outbox ? (
                <>
                  {" "}
                  or{" "}
                  <Link href="/dev/outbox" className="underline">
                    read it in the mail outbox
                  </Link>{" "}
                  (this server sends no mail)
                </>
              ) : null}
            </>
          ) : null}
        </p>
      ) : null}
      <Button type="submit" pending={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
