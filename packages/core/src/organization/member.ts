// Members of an organization: list, change role, remove, leave. Membership is checked on every request by
// orgProcedure, so each change takes effect on the member's next request.
import type { Prisma, TenantDb } from "@tenantry/db";
import type { TMemberOutput, TUpdateMemberRoleInput } from "@tenantry/validators";

import type { MemberActor } from "../actor.ts";
import type { ResolvedRole } from "./role.ts";
import { recordAudit } from "../audit/audit.ts";
import { InvalidError, NotFoundError, PreconditionFailedError } from "../errors.ts";
import { emitEvent } from "../jobs/outbox.ts";
import { recordSeat } from "../usage/billable.ts";
import { lockOrganization } from "./plan.ts";
import { assertCanGrant, resolveAssignment, resolvedFromRow, roleLabel } from "./role.ts";

const memberSelect = {
  id: true,
  userId: true,
  role: true,
  createdAt: true,
  user: { select: { name: true, email: true } },
  customRole: { select: { id: true, name: true, permissions: true } },
} satisfies Prisma.MembershipSelect;

type MemberRow = Prisma.MembershipGetPayload<{ select: typeof memberSelect }>;

const toOutput = (row: MemberRow): TMemberOutput => ({
  id: row.id,
  userId: row.userId,
  name: row.user.name,
  email: row.user.email,
  role: row.role,
  customRole: row.customRole ? { id: row.customRole.id, name: row.customRole.name } : null,
  createdAt: row.createdAt,
});

const memberNotFound = () => new NotFoundError("Member not found");

export async function listMembers(
  db: TenantDb,
  actor: MemberActor,
  input: { cursor?: string | null; limit: number },
): Promise<{ items: TMemberOutput[]; nextCursor: string | null }> {
  let after: Prisma.MembershipWhereInput = {};
  if (input.cursor) {
    const cursor = await db.membership.findUnique({
      where: { organizationId_id: { organizationId: actor.organizationId, id: input.cursor } },
      select: { id: true, createdAt: true },
    });
    if (!cursor) throw new InvalidError("Unknown page cursor");
    after = {
      OR: [
        { createdAt: { gt: cursor.createdAt } },
        { createdAt: cursor.createdAt, id: { gt: cursor.id } },
      ],
    };
  }
  const rows = await db.membership.findMany({
    where: { organizationId: actor.organizationId, ...after },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: input.limit + 1,
    select: memberSelect,
  });
  const items = rows.slice(0, input.limit).map(toOutput);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? last.id : null };
}

async function findMember(db: TenantDb, actor: MemberActor, membershipId: string) {
  const row = await db.membership.findUnique({
    where: { organizationId_id: { organizationId: actor.organizationId, id: membershipId } },
    select: memberSelect,
  });
  if (!row) throw memberNotFound();
  return row;
}

/**
 * The last-owner rule. Callers hold the organization row lock (lockOrganization), so two owners demoting each other
 * at the same moment are serialized and the second sees the first's change.
 */
async function assertNotLastOwner(
  db: TenantDb,
  organizationId: string,
  target: { role: string; customRole: unknown },
  action: string,
): Promise<void> {
  if (target.role !== "OWNER" || target.customRole !== null) return;
  const owners = await db.membership.count({
    where: { organizationId, role: "OWNER", status: "ACTIVE" },
  });
  if (owners <= 1) {
    throw new PreconditionFailedError(
      `The last owner cannot ${action}; make another member an owner first`,
    );
  }
}

export async function updateMemberRole(
  db: TenantDb,
  actor: MemberActor,
  input: TUpdateMemberRoleInput,
): Promise<TMemberOutput> {
  await lockOrganization(db, actor.organizationId);
  const target = await findMember(db, actor, input.membershipId);
  const current: ResolvedRole = resolvedFromRow(target);
  const next = await resolveAssignment(db, actor.organizationId, input);
  // Acting on someone is only allowed when their current role is one the actor could have granted (an admin cannot
  // demote an owner), and the new role must be grantable too (nobody hands out what they lack).
  assertCanGrant(actor, current, "change the role of a member with");
  assertCanGrant(actor, next);
  const demotesOwner =
    current.role === "OWNER" && current.customRole === null && next.role !== "OWNER";
  if (demotesOwner) await assertNotLastOwner(db, actor.organizationId, current, "be demoted");
  const updated = await db.membership.update({
    where: { organizationId_id: { organizationId: actor.organizationId, id: target.id } },
    data: { role: next.role, customRoleId: next.customRole?.id ?? null },
    select: memberSelect,
  });
  await recordAudit(db, actor, {
    action: "member.update_role",
    targetType: "membership",
    targetId: target.id,
    metadata: { userId: target.userId, from: roleLabel(current), to: roleLabel(next) },
  });
  return toOutput(updated);
}

export async function removeMember(
  db: TenantDb,
  actor: MemberActor,
  membershipId: string,
): Promise<{ id: string }> {
  await lockOrganization(db, actor.organizationId);
  const target = await findMember(db, actor, membershipId);
  const current = resolvedFromRow(target);
  const self = target.id === actor.membership.id;
  if (!self) assertCanGrant(actor, current, "remove a member with");
  await assertNotLastOwner(db, actor.organizationId, current, self ? "leave" : "be removed");
  await db.membership.delete({
    where: { organizationId_id: { organizationId: actor.organizationId, id: target.id } },
    select: { id: true },
  });
  await recordSeat(db, actor.organizationId, target.id, "removed");
  await recordAudit(db, actor, {
    action: self ? "member.leave" : "member.remove",
    targetType: "membership",
    targetId: target.id,
    metadata: { userId: target.userId, email: target.user.email, role: roleLabel(current) },
  });
  await emitEvent(db, actor, "member.removed", {
    member: { id: target.id, userId: target.userId, role: roleLabel(current) },
  });
  return { id: target.id };
}

export async function leaveOrganization(db: TenantDb, actor: MemberActor): Promise<{ id: string }> {
  return removeMember(db, actor, actor.membership.id);
}
