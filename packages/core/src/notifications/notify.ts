// Writes notifications in the transaction of the change that causes them: the in-app rows commit or roll back with
// it, and so does the email (sendMail stores to the outbox in the same transaction; the jobs work moves it onto a
// job). Recipients are resolved here, never taken on trust: only active members of the organization (active users),
// never the actor, and for work notifications only members who can see the project.
import type { TenantDb } from "@tenantry/db";
import type { TNotificationData, TNotificationKind } from "@tenantry/validators";
import { appUrl, sendMail } from "@tenantry/auth";
import { Prisma as P } from "@tenantry/db";
import { notificationSentence, ROLE_ORDER, ROLE_PERMISSIONS } from "@tenantry/validators";

export interface NotifyInput {
  organizationId: string;
  kind: TNotificationKind;
  /** Memberships to notify (work notifications name memberships) ... */
  membershipIds?: string[];
  /** ... or users (admins, the inviter). */
  userIds?: string[];
  /** Who caused it; never notified of their own action. */
  actorUserId?: string | null;
  data: TNotificationData;
  /** False when the domain already sends its own mail for the event (ownership transfers). */
  email?: boolean;
}

interface Recipient {
  user_id: string;
  email: string;
}

/** Built-in roles that see every project; custom roles say so in their permissions. */
const MANAGE_ALL_ROLES = ROLE_ORDER.filter((r) => ROLE_PERMISSIONS[r].has("project.manage_all"));

async function recipients(db: TenantDb, input: NotifyInput): Promise<Recipient[]> {
  const membershipIds = input.membershipIds ?? [];
  const userIds = input.userIds ?? [];
  if (membershipIds.length === 0 && userIds.length === 0) return [];
  const projectId = input.data.projectId ?? null;
  const visible = projectId
    ? P.sql`AND EXISTS (
        SELECT 1 FROM projects p
        WHERE p.organization_id = m.organization_id AND p.id = ${projectId}::uuid AND p.deleted_at IS NULL
          AND (p.visibility = 'ORGANIZATION'
            OR EXISTS (SELECT 1 FROM project_members pm WHERE pm.organization_id = p.organization_id
                       AND pm.project_id = p.id AND pm.membership_id = m.id)
            OR (r.id IS NULL AND m.role::text IN (${P.join(MANAGE_ALL_ROLES)}))
            OR 'project.manage_all' = ANY(r.permissions)))`
    : P.empty;
  return db.$queryRaw<Recipient[]>`
    SELECT DISTINCT u.id::text AS user_id, u.email
    FROM memberships m
    JOIN users u ON u.id = m.user_id
    LEFT JOIN roles r ON r.organization_id = m.organization_id AND r.id = m.custom_role_id
    WHERE m.organization_id = ${input.organizationId}::uuid
      AND m.status = 'ACTIVE' AND u.status = 'ACTIVE'
      AND (m.id = ANY(${membershipIds}::uuid[]) OR m.user_id = ANY(${userIds}::uuid[]))
      AND u.id IS DISTINCT FROM ${input.actorUserId ?? null}::uuid
      ${visible}`;
}

export async function notify(db: TenantDb, input: NotifyInput): Promise<{ notified: string[] }> {
  const people = await recipients(db, input);
  if (people.length === 0) return { notified: [] };
  const prefs = await db.notificationPreference.findMany({
    where: { userId: { in: people.map((p) => p.user_id) }, kind: input.kind },
    select: { userId: true, inApp: true, email: true },
  });
  const prefOf = new Map(prefs.map((p) => [p.userId, p]));
  const inApp = people.filter((p) => prefOf.get(p.user_id)?.inApp ?? true);
  const byEmail =
    input.email === false ? [] : people.filter((p) => prefOf.get(p.user_id)?.email ?? true);
  if (inApp.length > 0) {
    await db.notification.createMany({
      data: inApp.map((p) => ({
        organizationId: input.organizationId,
        userId: p.user_id,
        kind: input.kind,
        actorUserId: input.actorUserId ?? null,
        data: input.data,
      })),
    });
  }
  if (byEmail.length > 0) {
    const organization = await db.organization.findUnique({
      where: { id: input.organizationId },
      select: { slug: true },
    });
    const sentence = notificationSentence(input.kind, input.data);
    const link = `${appUrl()}/o/${organization?.slug ?? ""}/notifications`;
    for (const p of byEmail) {
      await sendMail(db, {
        to: p.email,
        subject: sentence.slice(0, 200),
        text: [
          sentence,
          input.data.excerpt ? `\n"${input.data.excerpt}"` : "",
          `\nSee it in Tenantry: ${link}`,
          "\nChoose which notifications you get by email in your account's notification settings.",
        ].join("\n"),
      });
    }
  }
  return { notified: [...new Set([...inApp, ...byEmail].map((p) => p.user_id))] };
}

/** Notifies the organization's owners and admins (custom roles holding member.update count as admins). */
export async function notifyAdmins(
  db: TenantDb,
  organizationId: string,
  kind: TNotificationKind,
  data: TNotificationData,
): Promise<{ notified: string[] }> {
  const admins = await db.$queryRaw<{ user_id: string }[]>`
    SELECT m.user_id::text AS user_id FROM memberships m
    LEFT JOIN roles r ON r.organization_id = m.organization_id AND r.id = m.custom_role_id
    WHERE m.organization_id = ${organizationId}::uuid
      AND ((r.id IS NULL AND m.role IN ('OWNER', 'ADMIN')) OR 'member.update' = ANY(r.permissions))`;
  return notify(db, { organizationId, kind, userIds: admins.map((a) => a.user_id), data });
}
