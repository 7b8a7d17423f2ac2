// Invitations by email. The token handed out is `<organizationId>.<invitationId>.<secret>` with a 32-byte random
// secret; only sha256(secret) is stored, so a database leak yields no usable links.
// Accepting happens before the user is a member, yet invitations are tenant rows under RLS. Rather than a policy or
// SECURITY DEFINER function looking across tenants, the token names its organization (public, like a slug): accept
// opens that tenant's transaction, loads the invitation by (organizationId, id) and compares the secret's hash in
// constant time first. A forged organization id finds no match there: nothing is revealed or written.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

import type { Db, Prisma, TenantDb } from "@tenantry/db";
import type {
  TCreateInvitationInput,
  TInvitationOutput,
  TInvitationPreviewOutput,
  TInvitationWithLinkOutput,
} from "@tenantry/validators";
import { appUrl, sendMail } from "@tenantry/auth";
import { newId, withTenantTransaction } from "@tenantry/db";
import { ZInvitationToken } from "@tenantry/validators";

import type { Actor, MemberActor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
} from "../errors.ts";
import { emitEvent } from "../jobs/outbox.ts";
import { notifyInvitationAccepted } from "../notifications/organization.ts";
import { emitMemberJoined } from "./member-events.ts";
import { assertCanAddMember } from "./plan.ts";
import { assertCanGrant, resolveAssignment, resolvedFromRow, roleLabel } from "./role.ts";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const sha256 = (secret: string) => createHash("sha256").update(secret).digest("hex");

function issueToken(organizationId: string, invitationId: string) {
  const secret = randomBytes(32).toString("base64url");
  return { token: `${organizationId}.${invitationId}.${secret}`, tokenHash: sha256(secret) };
}

function parseToken(token: string): {
  organizationId: string;
  invitationId: string;
  secret: string;
} {
  const parsed = ZInvitationToken.safeParse(token);
  const [organizationId, invitationId, secret] = parsed.success ? parsed.data.split(".") : [];
  if (!organizationId || !invitationId || !secret) throw invalidLink();
  return { organizationId, invitationId, secret };
}

const invalidLink = () => new NotFoundError("This invitation link is invalid");

const invitationSelect = {
  id: true,
  email: true,
  role: true,
  status: true,
  expiresAt: true,
  createdAt: true,
  tokenHash: true,
  customRole: { select: { id: true, name: true, permissions: true } },
  invitedBy: { select: { id: true, name: true, email: true } },
} satisfies Prisma.InvitationSelect;

type InvitationRow = Prisma.InvitationGetPayload<{ select: typeof invitationSelect }>;

function toOutput(row: InvitationRow, now = new Date()): TInvitationOutput {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    customRole: row.customRole ? { id: row.customRole.id, name: row.customRole.name } : null,
    status: row.status,
    expired: row.status === "PENDING" && row.expiresAt <= now,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    invitedBy: row.invitedBy,
  };
}

const withLink = (row: InvitationRow, token: string): TInvitationWithLinkOutput => ({
  invitation: toOutput(row),
  token,
  acceptPath: `/invite/${token}`,
});

const emailDomain = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

function assertDomainAllowed(allowed: string[], email: string): void {
  if (allowed.length > 0 && !allowed.includes(emailDomain(email))) {
    throw new ForbiddenError(
      `This organization only accepts members with an email at ${allowed.join(", ")}`,
    );
  }
}

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

/** Loads the invitation a token names and proves the token's secret; throws the same error for every mismatch. */
async function verifyToken(tx: TenantDb, token: ReturnType<typeof parseToken>) {
  const row = await tx.invitation.findUnique({
    where: {
      organizationId_id: { organizationId: token.organizationId, id: token.invitationId },
    },
    select: {
      ...invitationSelect,
      organization: {
        select: { id: true, name: true, slug: true, status: true, allowedEmailDomains: true },
      },
    },
  });
  const expected = Buffer.from(row?.tokenHash ?? "0".repeat(64), "hex");
  const actual = Buffer.from(sha256(token.secret), "hex");
  if (!row || !timingSafeEqual(expected, actual)) throw invalidLink();
  return row;
}

function assertUsable(row: { status: string; expiresAt: Date }): void {
  if (row.status === "ACCEPTED") {
    throw new PreconditionFailedError("This invitation has already been used");
  }
  if (row.status === "REVOKED") {
    throw new PreconditionFailedError("This invitation has been revoked");
  }
  if (row.expiresAt <= new Date()) {
    throw new PreconditionFailedError("This invitation has expired; ask for a new one");
  }
}

/** What the accept page shows before the user confirms. */
export async function previewInvitation(
  db: Db,
  user: { id: string; email: string },
  rawToken: string,
): Promise<TInvitationPreviewOutput> {
  const token = parseToken(rawToken);
  return withTenantTransaction(
    db,
    { userId: user.id, organizationId: token.organizationId, role: "" },
    async (tx) => {
      const row = await verifyToken(tx, token);
      assertUsable(row);
      return {
        organization: { name: row.organization.name, slug: row.organization.slug },
        email: row.email,
        role: row.role,
        customRoleName: row.customRole?.name ?? null,
        expiresAt: row.expiresAt,
        invitedByName: row.invitedBy?.name ?? null,
        emailMatches: row.email === user.email.toLowerCase(),
      };
    },
  );
}

/** Turns a valid, unexpired, unused invitation into a membership of the signed-in user with the invited email. */
export async function acceptInvitation(
  db: Db,
  user: { id: string; email: string },
  rawToken: string,
): Promise<{ organization: { id: string; name: string; slug: string }; membershipId: string }> {
  const token = parseToken(rawToken);
  return withTenantTransaction(
    db,
    { userId: user.id, organizationId: token.organizationId, role: "" },
    async (tx) => {
      const row = await verifyToken(tx, token);
      assertUsable(row);
      if (row.email !== user.email.toLowerCase()) {
        throw new ForbiddenError(
          `This invitation was sent to ${row.email}; sign in with that email to accept it`,
        );
      }
      const org = row.organization;
      if (org.status !== "ACTIVE") {
        throw new PreconditionFailedError(
          "This organization is not accepting new members right now",
        );
      }
      // The allowed domains may have changed since the invitation was sent.
      assertDomainAllowed(org.allowedEmailDomains, row.email);
      const existing = await tx.membership.findUnique({
        where: { organizationId_userId: { organizationId: org.id, userId: user.id } },
        select: { id: true },
      });
      if (existing) {
        throw new ConflictError("You are already a member of this organization");
      }
      // Single use even under concurrent accepts: only the request that flips PENDING wins.
      const claimed = await tx.invitation.updateMany({
        where: { organizationId: org.id, id: row.id, status: "PENDING" },
        data: { status: "ACCEPTED", acceptedAt: new Date(), acceptedById: user.id },
      });
      if (claimed.count !== 1) {
        throw new PreconditionFailedError("This invitation has already been used");
      }
      const membership = await tx.membership.create({
        data: {
          organizationId: org.id,
          userId: user.id,
          role: row.role,
          customRoleId: row.customRole?.id ?? null,
        },
        select: { id: true },
      });
      await recordAudit(
        tx,
        { userId: user.id, organizationId: org.id },
        {
          action: "invitation.accept",
          targetType: "membership",
          targetId: membership.id,
          metadata: {
            invitationId: row.id,
            email: row.email,
            role: roleLabel(resolvedFromRow(row)),
          },
        },
      );
      await notifyInvitationAccepted(tx, org.id, row.invitedBy?.id, user.id);
      const joined = { userId: user.id, organizationId: org.id };
      await emitMemberJoined(tx, joined, row, membership.id, roleLabel(resolvedFromRow(row)));
      return {
        organization: { id: org.id, name: org.name, slug: org.slug },
        membershipId: membership.id,
      };
    },
  );
}
