import type { Metadata } from "next";
import Link from "next/link";

import { AuthShell } from "~/components/shell/auth-shell";
import { ResendVerificationForm, VerifyEmailForm } from "./verify-email-forms";

export const metadata: Metadata = { title: "Verify your email" };

export default async function VerifyEmailPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token, email } = await props.searchParams;
  const footer = (
    <Link
      href="/sign-in"
      className="font-medium text-foreground underline-offset-4 hover:underline"
    >
      Back to sign in
    </Link>
  );
  if (typeof token === "string" && token) {
    return (
      <AuthShell
        title="Verify your email"
        description="Confirm that this email address belongs to you."
        footer={footer}
      >
        <VerifyEmailForm token={token} />
      </AuthShell>
    );
  }
  return (
    <AuthShell
      title="Resend the verification link"
      description="Enter the email address you signed up with."
      footer={footer}
    >
      <ResendVerificationForm email={typeof email === "string" ? email : undefined} />
    </AuthShell>
  );
}
