// Whether an organization fits a plan's limits, and if not, what to remove first ("remove 3 members and 2
// projects"). The downgrade check of plan-change.ts and the owners' plan comparison both read it.
import type { Plan, TenantDb } from "@tenantry/db";
import type { TPlanExcess, TPlanHoldings, TPlanLimits } from "@tenantry/validators";

import { PreconditionFailedError } from "../errors.ts";
import { countSeats } from "./plan.ts";

/** What the organization holds against each creation limit. Sequential: one transaction runs one statement. */
export async function planHoldings(
  db: TenantDb,
  organizationId: string,
  now = new Date(),
): Promise<TPlanHoldings> {
  const seats = await countSeats(db, organizationId);
  const projects = await db.project.count({ where: { organizationId, deletedAt: null } });
  const apiKeys = await db.apiKey.count({
    where: {
      organizationId,
      revokedAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
  });
  const webhookEndpoints = await db.webhookEndpoint.count({ where: { organizationId } });
  return {
    members: seats.members + seats.pendingInvitations,
    projects,
    apiKeys,
    webhookEndpoints,
  };
}

const CHECKS = [
  { limit: "maxMembers", holding: "members", one: "member", many: "members" },
  { limit: "maxProjects", holding: "projects", one: "project", many: "projects" },
  { limit: "maxApiKeys", holding: "apiKeys", one: "API key", many: "API keys" },
  {
    limit: "maxWebhookEndpoints",
    holding: "webhookEndpoints",
    one: "webhook endpoint",
    many: "webhook endpoints",
  },
] as const;

/** What exceeds `limits`, in a stable order; empty when everything fits. */
export function planExcess(limits: TPlanLimits, holdings: TPlanHoldings): TPlanExcess[] {
  const excess: TPlanExcess[] = [];
  for (const c of CHECKS) {
    const max = limits[c.limit];
    const count = holdings[c.holding] - (max ?? Infinity);
    if (max !== null && count > 0) {
      excess.push({ limit: c.limit, noun: count === 1 ? c.one : c.many, count });
    }
  }
  return excess;
}

/** "3 members and 2 projects"; "1 member, 2 projects and 1 API key". */
export function describeExcess(excess: readonly TPlanExcess[]): string {
  const parts = excess.map((e) => `${e.count} ${e.noun}`);
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}`;
}

/** Refuses a move to `plan` that `limits` (its limits with the overrides) would not hold. */
export function assertFits(plan: Plan, limits: TPlanLimits, holdings: TPlanHoldings): void {
  const excess = planExcess(limits, holdings);
  if (excess.length === 0) return;
  throw new PreconditionFailedError(
    `This organization does not fit the ${plan} plan: remove ${describeExcess(excess)} first ` +
      "(pending invitations count as members)",
  );
}
