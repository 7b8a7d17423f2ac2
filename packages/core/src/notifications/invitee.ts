// Invitations addressed to the signed-in user, shown in their notification bell although they are not (yet) a member
// of the inviting organization. Nothing is copied into a notification row: the list is read live through the
// narrowly scoped SECURITY DEFINER function invitations_for_current_user() (migration 20261202148100), which answers
// for the transaction's app.user_id only, matches the user's verified email, and returns nothing of the organization
// beyond its name, the inviter's name and the role. Revoked, declined, accepted and expired invitations drop out
// by themselves. The INVITATION preference decides: in-app off hides the list, email off skips the invitation mail.
import type { TenantDb } from "@tenantry/db";
import type { TMyInvitationOutput } from "@tenantry/validators";

interface InvitationForUser {
  id: string;
  organization_id: string;
  organization_name: string;
  role: TMyInvitationOutput["role"];
  custom_role_name: string | null;
  invited_by_name: string | null;
  expires_at: Date;
  created_at: Date;
}

async function preference(db: TenantDb, userId: string) {
  const pref = await db.notificationPreference.findUnique({
    where: { userId_kind: { userId, kind: "INVITATION" } },
    select: { inApp: true, email: true },
  });
  return pref ?? { inApp: true, email: true };
}

/** Pending invitations to the user of this transaction (`db` must be a tenant transaction for `userId`). */
export async function listMyInvitations(
  db: TenantDb,
  userId: string,
): Promise<TMyInvitationOutput[]> {
  if (!(await preference(db, userId)).inApp) return [];
  const rows = await db.$queryRaw<InvitationForUser[]>`
    SELECT * FROM invitations_for_current_user()`;
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    role: r.role,
    customRoleName: r.custom_role_name,
    invitedByName: r.invited_by_name,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
  }));
}

/**
 * Whether the invitation mail goes out: always for an address without a verified account (the link is the only way
 * in), otherwise per that user's INVITATION email preference. The mail is the only email an invitation sends, so it
 * is never sent twice.
 */
export async function invitationEmailWanted(db: TenantDb, email: string): Promise<boolean> {
  const user = await db.user.findFirst({
    where: { email: { equals: email, mode: "insensitive" }, emailVerified: { not: null } },
    select: { id: true },
  });
  if (!user) return true;
  return (await preference(db, user.id)).email;
}
