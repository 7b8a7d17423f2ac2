import type { Metadata } from "next";
import Link from "next/link";

import { AuthShell } from "~/components/shell/auth-shell";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await props.searchParams;
  return (
    <AuthShell
      title="Choose a new password"
      description="Signing in with the new password will be required on every device."
      footer={
        <Link
          href="/sign-in"
          className="font-medium text-foreground underline-offset-4 hover:underline"
        >
          Back to sign in
        </Link>
      }
    >
      {typeof token === "string" && token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p className="text-sm">
          This page needs the link from the reset email.{" "}
          <Link href="/forgot-password" className="underline">
            Request one
          </Link>
          .
        </p>
      )}
    </AuthShell>
  );
}
