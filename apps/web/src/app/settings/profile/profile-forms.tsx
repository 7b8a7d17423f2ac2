"use client";

import { useActionState } from "react";

import type { FormState } from "~/components/forms/form-state";
import { Field, FormAlert, FormSuccess } from "~/components/forms/action-field";
import { initialFormState } from "~/components/forms/form-state";
import { useHydrated } from "~/components/shell/use-shortcut";
import { Button } from "~/components/ui/button";
import { Label } from "~/components/ui/label";
import {
  changeEmailAction,
  changePasswordAction,
  deleteAccountAction,
  updateProfileAction,
} from "./actions";

function Section(props: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <section
      className="rounded-xl border bg-card p-6 text-card-foreground shadow-xs"
      aria-labelledby={`${props.title}-heading`}
    >
      <h2 id={`${props.title}-heading`} className="font-semibold">
        {props.title}
      </h2>
      {props.description ? (
        <p className="mt-1 text-sm text-muted-foreground">{props.description}</p>
      ) : null}
      <div className="mt-4">{props.children}</div>
    </section>
  );
}

function Messages(props: { state: FormState }) {
  return (
    <>
      {props.state.success ? <FormSuccess>{props.state.success}</FormSuccess> : null}
      {props.state.error ? <FormAlert>{props.state.error}</FormAlert> : null}
    </>
  );
}

/**
 * The zones offered: the saved one and UTC, plus — once hydrated, since the server's ICU may list other zones
 * than the browser's and the markup must match — every IANA zone this browser knows.
 */
function timeZones(saved: string | null, hydrated: boolean): string[] {
  const known = hydrated ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set([...(saved ? [saved] : []), "UTC", ...known])].sort();
}

export function ProfileForm(props: { name: string; timeZone: string | null }) {
  const [state, action, pending] = useActionState(updateProfileAction, initialFormState);
  const zone = state.values?.timeZone ?? props.timeZone ?? "";
  const errors = state.fieldErrors?.timeZone;
  const hydrated = useHydrated();
  return (
    <Section title="Profile">
      <form action={action} className="grid gap-4" noValidate>
        <Field
          id="profile-name"
          name="name"
          label="Name"
          autoComplete="name"
          defaultValue={state.values?.name ?? props.name}
          errors={state.fieldErrors?.name}
        />
        <div className="grid gap-2">
          <Label htmlFor="profile-time-zone">Time zone</Label>
          <select
            id="profile-time-zone"
            name="timeZone"
            // Keyed by the saved value so a save re-selects it after the server's answer.
            key={zone}
            defaultValue={zone}
            aria-describedby="profile-time-zone-hint"
            aria-invalid={errors?.length ? true : undefined}
            className="h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 dark:bg-input/20"
          >
            <option value="">Same as this browser</option>
            {timeZones(props.timeZone, hydrated).map((z) => (
              <option key={z} value={z}>
                {z.replaceAll("_", " ")}
              </option>
            ))}
          </select>
          <p id="profile-time-zone-hint" className="text-xs text-muted-foreground">
            Dates and times in the dashboard are shown in this zone, in your browser’s language.
          </p>
          {errors?.length ? <p className="text-sm text-destructive-text">{errors[0]}</p> : null}
        </div>
        <Messages state={state} />
        <Button type="submit" pending={pending} className="justify-self-start">
          Save profile
        </Button>
      </form>
    </Section>
  );
}

export function PasswordForm() {
  const [state, action, pending] = useActionState(changePasswordAction, initialFormState);
  return (
    <Section
      title="Password"
      description="Changing your password signs out all your other sessions."
    >
      <form action={action} className="grid gap-4" noValidate>
        <Field
          id="password-current"
          name="currentPassword"
          type="password"
          label="Current password"
          autoComplete="current-password"
          errors={state.fieldErrors?.currentPassword}
        />
        <Field
          id="password-new"
          name="newPassword"
          type="password"
          label="New password"
          autoComplete="new-password"
          hint="At least 8 characters; 12 or more recommended."
          errors={state.fieldErrors?.newPassword}
        />
        <Messages state={state} />
        <Button type="submit" pending={pending} className="justify-self-start">
          Change password
        </Button>
      </form>
    </Section>
  );
}

export function EmailForm(props: { email: string }) {
  const [state, action, pending] = useActionState(changeEmailAction, initialFormState);
  return (
    <Section
      title="Email address"
      description={`Currently ${props.email}. The new address must be confirmed from a link we send to it.`}
    >
      <form action={action} className="grid gap-4" noValidate>
        <Field
          id="email-new"
          name="newEmail"
          type="email"
          label="New email"
          autoComplete="email"
          defaultValue={state.values?.newEmail}
          errors={state.fieldErrors?.newEmail}
        />
        <Field
          id="email-password"
          name="currentPassword"
          type="password"
          label="Current password for the email change"
          autoComplete="current-password"
          errors={state.fieldErrors?.currentPassword}
        />
        <Messages state={state} />
        <Button type="submit" pending={pending} className="justify-self-start">
          Change email
        </Button>
      </form>
    </Section>
  );
}

export function DeleteAccountForm(props: { email: string }) {
  const [state, action, pending] = useActionState(deleteAccountAction, initialFormState);
  return (
    <Section
      title="Delete account"
      description="Deletes your account and your memberships for good. Organizations you are the only owner of must be handed over or deleted first."
    >
      <form action={action} className="grid gap-4" noValidate>
        <Field
          id="delete-confirm"
          name="confirmEmail"
          type="email"
          label={`Type ${props.email} to confirm`}
          autoComplete="off"
          defaultValue={state.values?.confirmEmail}
          errors={state.fieldErrors?.confirmEmail}
        />
        <Field
          id="delete-password"
          name="currentPassword"
          type="password"
          label="Current password to delete the account"
          autoComplete="current-password"
          errors={state.fieldErrors?.currentPassword}
        />
        <Messages state={state} />
        <Button
          type="submit"
          variant="destructive"
          pending={pending}
          className="justify-self-start"
        >
          Delete my account
        </Button>
      </form>
    </Section>
  );
}
