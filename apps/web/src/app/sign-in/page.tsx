import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { getAuthSession } from "@tenantry/auth/next";

import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await getAuthSession()) redirect("/");
  return (
    <main>
      <h1>Sign in to Tenantry</h1>
      <SignInForm />
    </main>
  );
}
