import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { getAuthSession } from "@tenantry/auth/next";

import { AuthShell } from "~/components/shell/auth-shell";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await getAuthSession()) redirect("/");
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
      <SignInForm />
    </AuthShell>
  );
}
