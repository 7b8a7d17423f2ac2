import type { Metadata } from "next";

import { callerFor } from "~/trpc/server";
import { DeleteAccountForm, EmailForm, PasswordForm, ProfileForm } from "./profile-forms";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage() {
  const me = await (await callerFor(null)).account.me();
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Profile</h1>
        <p className="text-sm text-muted-foreground">
          Your personal account, shared by all your organizations.
        </p>
      </div>
      <ProfileForm name={me.name} timeZone={me.timeZone} />
      <EmailForm email={me.email} />
      <PasswordForm />
      <DeleteAccountForm email={me.email} />
    </>
  );
}
