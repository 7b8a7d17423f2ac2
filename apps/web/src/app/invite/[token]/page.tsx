import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { isTRPCError } from "@tenantry/api";

import { AuthShell } from "~/components/shell/auth-shell";
import { Button } from "~/components/ui/button";
import { getAuthSession } from "~/server/auth-session";
import { callerFor } from "~/trpc/server";

export const metadata: Metadata = { title: "Invitation" };

async function acceptAction(formData: FormData) {
  "use server";
  const value = formData.get("token");
  const token = typeof value === "string" ? value : "";
  let slug: string;
  try {
    const accepted = await (await callerFor(null)).invitation.accept({ token });
    slug = accepted.organization.slug;
  } catch (error) {
    const message = isTRPCError(error) ? error.message : "The invitation could not be accepted";
    redirect(`/invite/${encodeURIComponent(token)}?error=${encodeURIComponent(message)}`);
  }
  redirect(`/o/${slug}/projects`);
}

/** Accepting an invitation: needs a signed-in user whose email matches the invitation. */
export default async function InvitePage(props: {
  params: Promise<{ token: string }>;
  searchParams: Promise<{ error?: string }>;
}) {
  const { token: raw } = await props.params;
  const token = decodeURIComponent(raw);
  const { error } = await props.searchParams;
  const session = await getAuthSession();
  if (!session) {
    return (
      <AuthShell
        title="You are invited"
        description="Sign in (or create an account) with the email address the invitation was sent to, then open this link again."
      >
        <div className="flex gap-2">
          <Button asChild>
            <Link href="/sign-in">Sign in</Link>
          </Button>
          <Button asChild variant="outline">
            <Link href="/sign-up">Create an account</Link>
          </Button>
        </div>
      </AuthShell>
    );
  }
  const preview = await (
    await callerFor(null)
  ).invitation
    .preview({ token })
    .catch((e: unknown) => {
      if (isTRPCError(e)) return { failed: e.message };
      throw e;
    });
  if ("failed" in preview) {
    return (
      <AuthShell title="This invitation cannot be used" description={preview.failed}>
        <Button asChild variant="outline">
          <Link href="/">Go to my organizations</Link>
        </Button>
      </AuthShell>
    );
  }
  const roleName = preview.customRoleName ?? preview.role.toLowerCase();
  return (
    <AuthShell
      title={`Join ${preview.organization.name}`}
      description={`${preview.invitedByName ?? "An admin"} invited ${preview.email} as ${roleName}.`}
    >
      {error ? (
        <p role="alert" className="mb-4 text-sm text-destructive-text">
          {error}
        </p>
      ) : null}
      {preview.emailMatches ? (
        <form action={acceptAction}>
          <input type="hidden" name="token" value={token} />
          <Button type="submit" className="w-full">
            Accept invitation
          </Button>
        </form>
      ) : (
        <p role="alert" className="text-sm text-destructive-text">
          You are signed in as {session.user.email}. Sign in as {preview.email} to accept this
          invitation.
        </p>
      )}
    </AuthShell>
  );
}
