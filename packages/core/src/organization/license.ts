// Seat licenses: issued to an organization by platform admins (admin router), seats assigned to members by holders
// of license.manage. An organization with licenses but none usable is read-only (orgProcedure, licenseLapsed).
import type { LicenseStatus, Prisma, TenantDb } from "@tenantry/db";
import type { TIssueLicenseInput, TLicenseOutput } from "@tenantry/validators";

import type { Actor } from "../actor.ts";
import { recordAudit } from "../audit/audit.ts";
import { ConflictError, NotFoundError, PreconditionFailedError } from "../errors.ts";
import { lockOrganization } from "./plan.ts";

const licenseSelect = {
  id: true,
  type: true,
  seats: true,
  status: true,
  expiresAt: true,
  createdAt: true,
  assignments: {
    take: 1000,
    orderBy: { createdAt: "asc" },
    select: {
      membershipId: true,
      membership: { select: { userId: true, user: { select: { email: true } } } },
    },
  },
} satisfies Prisma.LicenseSelect;

type LicenseRow = Prisma.LicenseGetPayload<{ select: typeof licenseSelect }>;

export function effectiveStatus(
  l: { status: LicenseStatus; expiresAt: Date | null },
  now = new Date(),
): LicenseStatus {
  return l.status === "ACTIVE" && l.expiresAt !== null && l.expiresAt <= now ? "EXPIRED" : l.status;
}

const toOutput = (row: LicenseRow): TLicenseOutput => ({
  id: row.id,
  type: row.type,
  seats: row.seats,
  usedSeats: row.assignments.length,
  status: row.status,
  effectiveStatus: effectiveStatus(row),
  expiresAt: row.expiresAt,
  createdAt: row.createdAt,
  holders: row.assignments.map((a) => ({
    membershipId: a.membershipId,
    userId: a.membership.userId,
    email: a.membership.user.email,
  })),
});

/**
 * An organization that holds licenses but none usable (ACTIVE and unexpired) is read-only: data stays, writes stop.
 * Organizations without any license (plan-only) are unaffected.
 */
export async function licenseLapsed(db: TenantDb, organizationId: string): Promise<boolean> {
  const licenses = await db.license.findMany({
    where: { organizationId },
    select: { status: true, expiresAt: true },
    take: 50,
  });
  const now = new Date();
  return licenses.length > 0 && !licenses.some((l) => effectiveStatus(l, now) === "ACTIVE");
}

export async function listLicenses(
  db: TenantDb,
  actor: Actor,
): Promise<{ licenses: TLicenseOutput[]; lapsed: boolean }> {
  const rows = await db.license.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
    select: licenseSelect,
  });
  const licenses = rows.map(toOutput);
  return {
    licenses,
    lapsed: licenses.length > 0 && !licenses.some((l) => l.effectiveStatus === "ACTIVE"),
  };
}

export async function assignSeat(
  db: TenantDb,
  actor: Actor,
  input: { licenseId: string; membershipId: string },
): Promise<TLicenseOutput> {
  await lockOrganization(db, actor.organizationId);
  const license = await db.license.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.licenseId } },
    select: licenseSelect,
  });
  if (!license) throw new NotFoundError("License not found");
  if (effectiveStatus(license) !== "ACTIVE") {
    throw new PreconditionFailedError(`This license is ${effectiveStatus(license).toLowerCase()}`);
  }
  if (license.assignments.length >= license.seats) {
    throw new PreconditionFailedError(
      `This license is full (${license.assignments.length} of ${license.seats} seats assigned): take a seat back first`,
    );
  }
  const membership = await db.membership.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.membershipId } },
    select: { id: true, licenseSeat: { select: { id: true } } },
  });
  if (!membership) throw new NotFoundError("Member not found");
  if (membership.licenseSeat.length > 0) {
    throw new ConflictError("This member already holds a seat");
  }
  await db.licenseSeat.create({
    data: {
      organizationId: actor.organizationId,
      licenseId: license.id,
      membershipId: membership.id,
    },
    select: { id: true },
  });
  await recordAudit(db, actor, {
    action: "license.assign_seat",
    targetType: "license",
    targetId: license.id,
    metadata: { membershipId: membership.id },
  });
  const updated = await db.license.findUniqueOrThrow({
    where: { organizationId_id: { organizationId: actor.organizationId, id: license.id } },
    select: licenseSelect,
  });
  return toOutput(updated);
}

export async function unassignSeat(
  db: TenantDb,
  actor: Actor,
  membershipId: string,
): Promise<{ membershipId: string }> {
  const removed = await db.licenseSeat.deleteMany({
    where: { organizationId: actor.organizationId, membershipId },
  });
  if (removed.count === 0) {
    throw new NotFoundError("This member holds no seat");
  }
  await recordAudit(db, actor, {
    action: "license.unassign_seat",
    targetType: "membership",
    targetId: membershipId,
  });
  return { membershipId };
}

/** Platform admin: issue a license to an organization (db is already scoped to it). */
export async function issueLicense(
  db: TenantDb,
  actor: Actor,
  input: TIssueLicenseInput,
): Promise<TLicenseOutput> {
  const row = await db.license.create({
    data: {
      organizationId: actor.organizationId,
      type: input.type,
      seats: input.seats,
      expiresAt: input.expiresAt,
    },
    select: licenseSelect,
  });
  await recordAudit(db, actor, {
    action: "license.issue",
    targetType: "license",
    targetId: row.id,
    metadata: {
      type: row.type,
      seats: row.seats,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      platformAdmin: true,
    },
  });
  return toOutput(row);
}

/** Platform admin: revoke, suspend, expire or reactivate a license, with a reason. */
export async function setLicenseStatus(
  db: TenantDb,
  actor: Actor,
  input: { id: string; status: LicenseStatus; reason: string },
): Promise<TLicenseOutput> {
  const before = await db.license.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.id } },
    select: { status: true },
  });
  if (!before) throw new NotFoundError("License not found");
  const row = await db.license.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: input.id } },
    data: { status: input.status },
    select: licenseSelect,
  });
  await recordAudit(db, actor, {
    action: "license.set_status",
    targetType: "license",
    targetId: row.id,
    metadata: { from: before.status, to: input.status, reason: input.reason, platformAdmin: true },
  });
  return toOutput(row);
}
