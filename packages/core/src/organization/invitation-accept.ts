// Accepting (and declining) an invitation, which happens before the user is a member, yet invitations are tenant rows
// under RLS. Rather than a policy that looks invitations up across tenants, both ways in name the organization and
// open a tenant transaction for it (its id is public information, like a slug), then load the invitation by
// (organizationId, id) and prove the user may act on it before anything else:
// - by link: the token `<organizationId>.<invitationId>.<secret>` — the secret's hash is compared in constant time;
// - from the user's own list (invitations_for_current_user, see docs/invitations.md): the signed-in user's VERIFIED
//   email must be the invitation's. A forged organization or invitation id gets the same NOT_FOUND as a missing one.
import { timingSafeEqual } from "node:crypto";

import type { Db, TenantDb } from "@tenantry/db";
import type { TInvitationPreviewOutput, TMyInvitationInput } from "@tenantry/validators";
import { withTenantTransaction } from "@tenantry/db";

import { recordAudit } from "../audit/audit.ts";
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
} from "../errors.ts";
import { notifyInvitationAccepted } from "../notifications/organization.ts";
import {
  assertDomainAllowed,
  invalidLink,
  invitationSelect,
  parseToken,
  sha256,
} from "./invitation-shape.ts";
import { emitMemberJoined } from "./member-events.ts";
import { resolvedFromRow, roleLabel } from "./role.ts";

const acceptSelect = {
  ...invitationSelect,
  organization: {
    select: { id: true, name: true, slug: true, status: true, allowedEmailDomains: true },
  },
};

type AcceptRow = NonNullable<Awaited<ReturnType<typeof loadInvitation>>>;

interface JoinResult {
  organization: { id: string; name: string; slug: string };
  membershipId: string;
}

function loadInvitation(tx: TenantDb, organizationId: string, id: string) {
  return tx.invitation.findUnique({
    where: { organizationId_id: { organizationId, id } },
    select: acceptSelect,
  });
}

/** Loads the invitation a token names and proves the token's secret; throws the same error for every mismatch. */
async function verifyToken(tx: TenantDb, token: ReturnType<typeof parseToken>) {
  const row = await loadInvitation(tx, token.organizationId, token.invitationId);
  const expected = Buffer.from(row?.tokenHash ?? "0".repeat(64), "hex");
  const actual = Buffer.from(sha256(token.secret), "hex");
  if (!row || !timingSafeEqual(expected, actual)) throw invalidLink();
  return row;
}

const invitationNotFound = () => new NotFoundError("Invitation not found");

/** Loads an invitation addressed to the signed-in user's verified email; anything else is NOT_FOUND. */
async function verifyAddressee(tx: TenantDb, userId: string, input: TMyInvitationInput) {
  const [row, user] = await Promise.all([
    loadInvitation(tx, input.organizationId, input.id),
    tx.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } }),
  ]);
  if (!row || !user?.emailVerified || row.email !== user.email.toLowerCase()) {
    throw invitationNotFound();
  }
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
async function join(tx: TenantDb, user: { id: string; email: string }, row: AcceptRow) {
  assertUsable(row);
  if (row.email !== user.email.toLowerCase()) {
    throw new ForbiddenError(
      `This invitation was sent to ${row.email}; sign in with that email to accept it`,
    );
  }
  const org = row.organization;
  if (org.status !== "ACTIVE") {
    throw new PreconditionFailedError("This organization is not accepting new members right now");
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
  const role = roleLabel(resolvedFromRow(row));
  await recordAudit(
    tx,
    { userId: user.id, organizationId: org.id },
    {
      action: "invitation.accept",
      targetType: "membership",
      targetId: membership.id,
      metadata: { invitationId: row.id, email: row.email, role },
    },
  );
  await notifyInvitationAccepted(tx, org.id, row.invitedBy?.id, user.id);
  const joined = { userId: user.id, organizationId: org.id };
  await emitMemberJoined(tx, joined, row, membership.id, role);
  return {
    organization: { id: org.id, name: org.name, slug: org.slug },
    membershipId: membership.id,
  };
}

/** Accepts by link (the token is the capability). */
export async function acceptInvitation(
  db: Db,
  user: { id: string; email: string },
  rawToken: string,
): Promise<JoinResult> {
  const token = parseToken(rawToken);
  return withTenantTransaction(
    db,
    { userId: user.id, organizationId: token.organizationId, role: "" },
    async (tx) => join(tx, user, await verifyToken(tx, token)),
  );
}

/** Accepts from the signed-in user's own list of invitations (the notification bell). */
export async function acceptMyInvitation(
  db: Db,
  user: { id: string; email: string },
  input: TMyInvitationInput,
): Promise<JoinResult> {
  return withTenantTransaction(
    db,
    { userId: user.id, organizationId: input.organizationId, role: "" },
    async (tx) => join(tx, user, await verifyAddressee(tx, user.id, input)),
  );
}

/** The invitee turns an invitation down: it stops being pending (stored as REVOKED) and the decline is audited. */
export async function declineMyInvitation(
  db: Db,
  user: { id: string },
  input: TMyInvitationInput,
): Promise<{ declined: true }> {
  return withTenantTransaction(
    db,
    { userId: user.id, organizationId: input.organizationId, role: "" },
    async (tx) => {
      const row = await verifyAddressee(tx, user.id, input);
      assertUsable(row);
      const declined = await tx.invitation.updateMany({
        where: { organizationId: input.organizationId, id: row.id, status: "PENDING" },
        data: { status: "REVOKED" },
      });
      if (declined.count !== 1) {
        throw new PreconditionFailedError("This invitation is no longer pending");
      }
      await recordAudit(
        tx,
        { userId: user.id, organizationId: input.organizationId },
        {
          action: "invitation.decline",
          targetType: "invitation",
          targetId: row.id,
          metadata: { email: row.email },
        },
      );
      return { declined: true as const };
    },
  );
}
