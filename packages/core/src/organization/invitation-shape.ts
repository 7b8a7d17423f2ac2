// What the invitation use cases share: tokens (`<organizationId>.<invitationId>.<secret>`, only sha256(secret)
// stored), the row shape and its output, and the allowed-domains rule.
import { createHash, randomBytes } from "node:crypto";

import type { Prisma } from "@tenantry/db";
import type { TInvitationOutput, TInvitationWithLinkOutput } from "@tenantry/validators";
import { ZInvitationToken } from "@tenantry/validators";

import { ForbiddenError, NotFoundError } from "../errors.ts";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const sha256 = (secret: string) => createHash("sha256").update(secret).digest("hex");

export function issueToken(organizationId: string, invitationId: string) {
  const secret = randomBytes(32).toString("base64url");
  return { token: `${organizationId}.${invitationId}.${secret}`, tokenHash: sha256(secret) };
}

export function parseToken(token: string): {
  organizationId: string;
  invitationId: string;
  secret: string;
} {
  const parsed = ZInvitationToken.safeParse(token);
  const [organizationId, invitationId, secret] = parsed.success ? parsed.data.split(".") : [];
  if (!organizationId || !invitationId || !secret) throw invalidLink();
  return { organizationId, invitationId, secret };
}

export const invalidLink = () => new NotFoundError("This invitation link is invalid");

export const invitationSelect = {
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

export type InvitationRow = Prisma.InvitationGetPayload<{ select: typeof invitationSelect }>;

export function toOutput(row: InvitationRow, now = new Date()): TInvitationOutput {
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

export const withLink = (row: InvitationRow, token: string): TInvitationWithLinkOutput => ({
  invitation: toOutput(row),
  token,
  acceptPath: `/invite/${token}`,
});

const emailDomain = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

export function assertDomainAllowed(allowed: string[], email: string): void {
  if (allowed.length > 0 && !allowed.includes(emailDomain(email))) {
    throw new ForbiddenError(
      `This organization only accepts members with an email at ${allowed.join(", ")}`,
    );
  }
}
