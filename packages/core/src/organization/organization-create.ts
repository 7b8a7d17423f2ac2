// Creating an organization with its first owner. Shared by organization.create and sign-up (identity).
import type { Db, TenantDb } from "@tenantry/db";
import type { TCreateOrganizationInput, TOrganizationOutput } from "@tenantry/validators";
import { newId, Prisma, withTenantTransaction } from "@tenantry/db";

import { recordAudit } from "../audit/audit.ts";
import { ConflictError } from "../errors.ts";
import { recordSeat } from "../usage/billable.ts";

const organizationSelect = {
  id: true,
  name: true,
  slug: true,
  plan: true,
  status: true,
} satisfies Prisma.OrganizationSelect;

/**
 * Inserts the organization and the owner's membership inside a tenant transaction that already has app.org_id set to
 * `organizationId` (the insert policy of organizations admits only the active tenant's id). Use this when the caller
 * owns the transaction (e.g. sign-up creating the user and their first organization together).
 */
export async function insertOrganizationWithOwner(
  tx: TenantDb,
  args: { organizationId: string; ownerUserId: string; input: TCreateOrganizationInput },
): Promise<TOrganizationOutput> {
  const { input } = args;
  const organization = await tx.organization
    .create({
      data: { id: args.organizationId, name: input.name, slug: input.slug },
      select: organizationSelect,
    })
    .catch((error: unknown) => {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        throw new ConflictError("This URL slug is already taken");
      }
      throw error;
    });
  const owner = await tx.membership.create({
    data: { organizationId: organization.id, userId: args.ownerUserId, role: "OWNER" },
    select: { id: true },
  });
  await recordSeat(tx, organization.id, owner.id, "added");
  await recordAudit(
    tx,
    { userId: args.ownerUserId, organizationId: organization.id },
    {
      action: "organization.create",
      targetType: "organization",
      targetId: organization.id,
      metadata: { name: organization.name, slug: organization.slug },
    },
  );
  return organization;
}

/** Creates an organization whose owner is `userId`, in its own tenant transaction. */
export async function createOrganization(
  db: Db,
  userId: string,
  input: TCreateOrganizationInput,
): Promise<TOrganizationOutput> {
  const organizationId = newId();
  return withTenantTransaction(db, { userId, organizationId, role: "OWNER" }, (tx) =>
    insertOrganizationWithOwner(tx, { organizationId, ownerUserId: userId, input }),
  );
}
