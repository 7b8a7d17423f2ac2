// Two-step ownership transfer: an owner proposes, the target member accepts or declines, the proposer may cancel.
// On acceptance the target becomes OWNER and the proposer ADMIN, atomically; every step is audited.
import type { Prisma, TenantDb } from "@tenantry/db";
import type { TOwnershipTransferOutput } from "@tenantry/validators";
import { appUrl, sendMail } from "@tenantry/auth";

import type { MemberActor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import {
  ConflictError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  PreconditionFailedError,
} from "../errors.ts";
import { notifyTransferOffered } from "../notifications/organization.ts";
import { lockOrganization } from "./plan.ts";

export const TRANSFER_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const party = {
  select: { id: true, userId: true, user: { select: { name: true, email: true } } },
} as const;

const transferSelect = {
  id: true,
  status: true,
  expiresAt: true,
  createdAt: true,
  resolvedAt: true,
  from: party,
  to: party,
} satisfies Prisma.OwnershipTransferSelect;

type TransferRow = Prisma.OwnershipTransferGetPayload<{ select: typeof transferSelect }>;

const toParty = (m: TransferRow["from"]) => ({
  membershipId: m.id,
  userId: m.userId,
  name: m.user.name,
  email: m.user.email,
});

const toOutput = (row: TransferRow): TOwnershipTransferOutput => ({
  id: row.id,
  status: row.status,
  expiresAt: row.expiresAt,
  createdAt: row.createdAt,
  resolvedAt: row.resolvedAt,
  from: toParty(row.from),
  to: toParty(row.to),
});

const isBuiltInOwner = (m: { role: string; customRoleId?: string | null }) =>
  m.role === "OWNER" && !m.customRoleId;

/** Tells both parties about a step of the transfer (outbox rows commit with the step; see mailer.ts). */
async function notifyParties(
  db: TenantDb,
  organizationId: string,
  row: TransferRow,
  what: "proposed" | "accepted" | "declined" | "cancelled",
): Promise<void> {
  const organization = await db.organization.findUnique({
    where: { id: organizationId },
    select: { name: true, slug: true },
  });
  const orgName = organization?.name ?? "your organization";
  const settings = `${appUrl()}/o/${organization?.slug ?? ""}/settings/general`;
  const from = row.from.user;
  const to = row.to.user;
  const lines: Record<typeof what, { subject: string; body: string }> = {
    proposed: {
      subject: `${from.name} wants to transfer ownership of ${orgName} to ${to.name}`,
      body: `${from.name} proposed to make ${to.name} the owner of ${orgName}. ${to.name} can accept or decline in the organization's settings until ${row.expiresAt.toUTCString()}:`,
    },
    accepted: {
      subject: `${to.name} is now an owner of ${orgName}`,
      body: `${to.name} accepted the ownership transfer of ${orgName}; ${from.name} is now an admin.`,
    },
    declined: {
      subject: `${to.name} declined ownership of ${orgName}`,
      body: `${to.name} declined the ownership transfer of ${orgName}; nothing changed.`,
    },
    cancelled: {
      subject: `The ownership transfer of ${orgName} was cancelled`,
      body: `The proposal to make ${to.name} the owner of ${orgName} was cancelled; nothing changed.`,
    },
  };
  const { subject, body } = lines[what];
  for (const recipient of [from.email, to.email]) {
    await sendMail(db, { to: recipient, subject, text: [body, "", settings, ""].join("\n") });
  }
}

/** The organization's pending, unexpired transfer, if any. */
export async function currentTransfer(
  db: TenantDb,
  actor: MemberActor,
): Promise<TOwnershipTransferOutput | null> {
  const row = await db.ownershipTransfer.findFirst({
    where: {
      organizationId: actor.organizationId,
      status: "PENDING",
      expiresAt: { gt: new Date() },
    },
    select: transferSelect,
  });
  return row ? toOutput(row) : null;
}

export async function proposeTransfer(
  db: TenantDb,
  actor: MemberActor,
  membershipId: string,
): Promise<TOwnershipTransferOutput> {
  if (actor.membership.customRole || actor.membership.role !== "OWNER") {
    throw new ForbiddenError("Only an owner can transfer ownership");
  }
  await lockOrganization(db, actor.organizationId);
  if (membershipId === actor.membership.id) {
    throw new InvalidError("Choose another member");
  }
  const target = await db.membership.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id: membershipId } },
    select: { id: true, userId: true, role: true, customRoleId: true, status: true },
  });
  if (!target) throw new NotFoundError("Member not found");
  if (isBuiltInOwner(target)) {
    throw new PreconditionFailedError("This member is already an owner");
  }
  // An expired pending proposal no longer blocks a new one.
  await db.ownershipTransfer.updateMany({
    where: {
      organizationId: actor.organizationId,
      status: "PENDING",
      expiresAt: { lte: new Date() },
    },
    data: { status: "CANCELLED", resolvedAt: new Date() },
  });
  const pending = await currentTransfer(db, actor);
  if (pending) {
    throw new ConflictError("An ownership transfer is already pending; cancel it first");
  }
  const row = await db.ownershipTransfer.create({
    data: {
      organizationId: actor.organizationId,
      fromMembershipId: actor.membership.id,
      toMembershipId: target.id,
      expiresAt: new Date(Date.now() + TRANSFER_TTL_MS),
    },
    select: transferSelect,
  });
  await recordAudit(db, actor, {
    action: "ownership.propose",
    targetType: "membership",
    targetId: target.id,
    metadata: { transferId: row.id, toUserId: target.userId },
  });
  await notifyParties(db, actor.organizationId, row, "proposed");
  await notifyTransferOffered(db, actor, target.userId);
  return toOutput(row);
}

async function findPending(db: TenantDb, actor: MemberActor, id: string) {
  const row = await db.ownershipTransfer.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    select: { ...transferSelect, fromMembershipId: true, toMembershipId: true },
  });
  if (!row) throw new NotFoundError("Transfer not found");
  if (row.status !== "PENDING" || row.expiresAt <= new Date()) {
    throw new PreconditionFailedError("This ownership transfer is no longer pending");
  }
  return row;
}

export async function acceptTransfer(
  db: TenantDb,
  actor: MemberActor,
  id: string,
): Promise<TOwnershipTransferOutput> {
  await lockOrganization(db, actor.organizationId);
  const transfer = await findPending(db, actor, id);
  if (transfer.toMembershipId !== actor.membership.id) {
    throw new ForbiddenError("Only the proposed new owner can accept");
  }
  const from = await db.membership.findUnique({
    where: {
      organizationId_id: { organizationId: actor.organizationId, id: transfer.fromMembershipId },
    },
    select: { role: true, customRoleId: true },
  });
  if (!from || !isBuiltInOwner(from)) {
    throw new PreconditionFailedError("The proposing member is no longer an owner");
  }
  const where = (membershipId: string) => ({
    organizationId_id: { organizationId: actor.organizationId, id: membershipId },
  });
  await db.membership.update({
    where: where(transfer.toMembershipId),
    data: { role: "OWNER", customRoleId: null },
    select: { id: true },
  });
  await db.membership.update({
    where: where(transfer.fromMembershipId),
    data: { role: "ADMIN" },
    select: { id: true },
  });
  const row = await db.ownershipTransfer.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    data: { status: "ACCEPTED", resolvedAt: new Date() },
    select: transferSelect,
  });
  await recordAudit(db, actor, {
    action: "ownership.accept",
    targetType: "membership",
    targetId: transfer.toMembershipId,
    metadata: { transferId: id, fromUserId: row.from.userId, toUserId: row.to.userId },
  });
  await notifyParties(db, actor.organizationId, row, "accepted");
  return toOutput(row);
}

/** The target declines, or the proposer (or any owner) cancels. */
export async function closeTransfer(
  db: TenantDb,
  actor: MemberActor,
  id: string,
  how: "decline" | "cancel",
): Promise<TOwnershipTransferOutput> {
  const transfer = await findPending(db, actor, id);
  const allowed =
    how === "decline"
      ? transfer.toMembershipId === actor.membership.id
      : transfer.fromMembershipId === actor.membership.id ||
        isBuiltInOwner({
          role: actor.membership.role,
          customRoleId: actor.membership.customRole?.id ?? null,
        });
  if (!allowed) {
    throw new ForbiddenError(
      how === "decline"
        ? "Only the proposed new owner can decline"
        : "Only an owner can cancel a transfer",
    );
  }
  const row = await db.ownershipTransfer.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id } },
    data: { status: how === "decline" ? "DECLINED" : "CANCELLED", resolvedAt: new Date() },
    select: transferSelect,
  });
  await recordAudit(db, actor, {
    action: how === "decline" ? "ownership.decline" : "ownership.cancel",
    targetType: "membership",
    targetId: transfer.toMembershipId,
    metadata: { transferId: id },
  });
  await notifyParties(db, actor.organizationId, row, how === "decline" ? "declined" : "cancelled");
  return toOutput(row);
}
