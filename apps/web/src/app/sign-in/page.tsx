import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { getAuthSession, oauthProviders } from "@tenantry/auth/next";

import { AuthShell } from "~/components/shell/auth-shell";
import { OAuthButtons, oauthErrorMessage } from "./oauth-buttons";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await getAuthSession()) redirect("/");
  const oauthError = oauthErrorMessage((await props.searchParams).error);
  return (
    <AuthShell
      title="Sign in to Tenantry"
      description="Welcome back. Enter your email and password."
      footer={
        <>
          No account yet?{" "}
          <Link
            href="/sign-up"
            className="font-medium text-foreground underline-offset-4 hover:underline"
          >
            Sign up
          </Link>
        </>
      }
    >
      {oauthError ? (
        <p
          role="alert"
          className="mb-4 rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm text-destructive-text dark:text-red-300"
        >
          {oauthError}
        </p>
      ) : null}
      <SignInForm />
      <OAuthButtons providers={oauthProviders} />
    </AuthShell>
  );
}
