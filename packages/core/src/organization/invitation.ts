// Invitations by email: create, list, resend, revoke (the inviting organization's side). Accepting and declining are in
// invitation-accept.ts; what both share (tokens, row shape) in invitation-shape.ts. An invitation to someone who
// already has an account also shows up in their own list (notifications/invitee.ts, docs/invitations.md); its email
// follows that user's INVITATION preference.
import type { TenantDb } from "@tenantry/db";
import type {
  TCreateInvitationInput,
  TInvitationOutput,
  TInvitationWithLinkOutput,
} from "@tenantry/validators";
import { appUrl, sendMail } from "@tenantry/auth";
import { newId } from "@tenantry/db";

import type { Actor, MemberActor } from "../actor.ts";
import type { InvitationRow } from "./invitation-shape.ts";
import { recordAudit } from "../audit/audit.ts";
import { ConflictError, NotFoundError, PreconditionFailedError } from "../errors.ts";
import { emitEvent } from "../jobs/outbox.ts";
import { invitationEmailWanted } from "../notifications/invitee.ts";
import {
  assertDomainAllowed,
  INVITATION_TTL_MS,
  invitationSelect,
  issueToken,
  toOutput,
  withLink,
} from "./invitation-shape.ts";
import { assertCanAddMember } from "./plan.ts";
import { assertCanGrant, resolveAssignment, resolvedFromRow, roleLabel } from "./role.ts";

export { INVITATION_TTL_MS } from "./invitation-shape.ts";
export {
  acceptInvitation,
  acceptMyInvitation,
  declineMyInvitation,
  previewInvitation,
} from "./invitation-accept.ts";

export async function listInvitations(db: TenantDb, actor: Actor): Promise<TInvitationOutput[]> {
  const rows = await db.invitation.findMany({
    where: { organizationId: actor.organizationId, status: "PENDING" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
    select: invitationSelect,
  });
  const now = new Date();
  return rows.map((row) => toOutput(row, now));
}

/**
 * Mails the invitation link. Inside the inviter's transaction: with the outbox the message commits with the
 * invitation; with SMTP a rolled-back invitation can leave a sent mail whose link then simply does not work.
 */
async function mailInvitation(
  db: TenantDb,
  actor: MemberActor,
  row: InvitationRow,
  token: string,
): Promise<void> {
  // An existing user who turned invitation emails off still sees it in-app; everyone else needs the link.
  if (!(await invitationEmailWanted(db, row.email))) return;
  const organization = await db.organization.findUnique({
    where: { id: actor.organizationId },
    select: { name: true },
  });
  const inviter = row.invitedBy?.name ?? "A member";
  await sendMail(db, {
    to: row.email,
    subject: `${inviter} invited you to ${organization?.name ?? "an organization"} on Tenantry`,
    text: [
      `${inviter} invited you to join ${organization?.name ?? "their organization"} on Tenantry.`,
      "",
      "Accept the invitation (sign in or sign up with this email address):",
      `${appUrl()}/invite/${token}`,
      "",
      `The link expires on ${row.expiresAt.toUTCString()} and works once.`,
      "If you did not expect this invitation, ignore this email.",
    ].join("\n"),
  });
}

export async function createInvitation(
  db: TenantDb,
  actor: MemberActor,
  input: TCreateInvitationInput,
): Promise<TInvitationWithLinkOutput> {
  const email = input.email.toLowerCase();
  const target = await resolveAssignment(db, actor.organizationId, input);
  assertCanGrant(actor, target);
  // Locks the organization row: the seat count, the duplicate check and the insert are one critical section.
  const { allowedEmailDomains } = await assertCanAddMember(db, actor.organizationId);
  assertDomainAllowed(allowedEmailDomains, email);

  const alreadyMember = await db.membership.findFirst({
    where: {
      organizationId: actor.organizationId,
      user: { email: { equals: email, mode: "insensitive" } },
    },
    select: { id: true },
  });
  if (alreadyMember) {
    throw new ConflictError(`${email} is already a member`);
  }
  const pending = await db.invitation.findFirst({
    where: { organizationId: actor.organizationId, email, status: "PENDING" },
    select: { id: true, expiresAt: true },
  });
  if (pending && pending.expiresAt > new Date()) {
    throw new ConflictError(`${email} already has a pending invitation; resend it instead`);
  }
  if (pending) {
    // An expired invitation is superseded by the new one (one pending invitation per email).
    await db.invitation.update({
      where: { organizationId_id: { organizationId: actor.organizationId, id: pending.id } },
      data: { status: "REVOKED" },
      select: { id: true },
    });
  }

  const id = newId();
  const { token, tokenHash } = issueToken(actor.organizationId, id);
  const row = await db.invitation.create({
    data: {
      id,
      organizationId: actor.organizationId,
      email,
      role: target.role,
      customRoleId: target.customRole?.id ?? null,
      tokenHash,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      invitedById: actor.userId,
    },
    select: invitationSelect,
  });
  await recordAudit(db, actor, {
    action: "invitation.create",
    targetType: "invitation",
    targetId: id,
    metadata: { email, role: roleLabel(target) },
  });
  await emitEvent(db, actor, "invitation.created", {
    invitation: { id, email, role: roleLabel(target), expiresAt: row.expiresAt.toISOString() },
  });
  await mailInvitation(db, actor, row, token);
  return withLink(row, token);
}

async function findPending(db: TenantDb, actor: Actor, id: string): Promise<InvitationRow> {
  const row = await db.invitation.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: invitationSelect,
  });
  if (!row) throw new NotFoundError("Invitation not found");
  if (row.status !== "PENDING") {
    throw new PreconditionFailedError(
      `This invitation has already been ${row.status === "ACCEPTED" ? "accepted" : "revoked"}`,
    );
  }
  return row;
}

/** Issues a new token (the old link stops working) and a new 7-day expiry. */
export async function resendInvitation(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<TInvitationWithLinkOutput> {
  const existing = await findPending(db, actor, id);
  assertCanGrant(actor, resolvedFromRow(existing));
  // An expired invitation no longer holds a seat; renewing it takes one again.
  if (existing.expiresAt <= new Date()) await assertCanAddMember(db, actor.organizationId);
  const { token, tokenHash } = issueToken(actor.organizationId, id);
  const row = await db.invitation.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    data: { tokenHash, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) },
    select: invitationSelect,
  });
  await recordAudit(db, actor, {
    action: "invitation.resend",
    targetType: "invitation",
    targetId: id,
    metadata: { email: row.email },
  });
  await mailInvitation(db, actor, row, token);
  return withLink(row, token);
}

export async function revokeInvitation(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<TInvitationOutput> {
  await findPending(db, actor, id);
  const row = await db.invitation.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    data: { status: "REVOKED" },
    select: invitationSelect,
  });
  await recordAudit(db, actor, {
    action: "invitation.revoke",
    targetType: "invitation",
    targetId: id,
    metadata: { email: row.email },
  });
  await emitEvent(db, actor, "invitation.revoked", { invitation: { id, email: row.email } });
  return toOutput(row);
}
