// Which organization an API client's call is metered against, and its effective limits (plan + overrides),
// remembered for a few seconds per caller. Metering
// must happen before the tenant transaction opens (no Redis call while a transaction holds a pooled connection),
// and looking the membership up first in a transaction of its own cost four extra round trips per call.
import type { Db, TenantDb } from "@tenantry/db";
import { effectiveLimits } from "@tenantry/core/organization/limits";
import { withTenantTransaction } from "@tenantry/db";

import type { MembershipRequest, MeteredOrganization } from "./org-steps.ts";
import { resolveMembership } from "./org-steps.ts";

/**
 * Only the meter reads this: the tenant transaction resolves and verifies the membership again on every call, so a
 * stale entry can at worst charge one call to the organization the caller belonged to up to this long ago, or let a
 * call through the status pre-check that the transaction then refuses. A plan change or an override reaches the
 * meter within this delay.
 */
export const QUOTA_ORGANIZATION_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

export type { MeteredOrganization } from "./org-steps.ts";

const cache = new Map<string, { metered: MeteredOrganization; until: number }>();

export async function quotaOrganization(
  db: Db,
  request: MembershipRequest,
  now = Date.now(),
): Promise<MeteredOrganization> {
  // The key is the whole request: the caller and what they named (or their session's active organization).
  const key = `${request.userId}\u0000${request.requested ?? ""}\u0000${request.activeOrganizationId ?? ""}`;
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.metered;
  // bindTenant: the overrides are tenant rows, readable once the membership found has set the tenant.
  const metered = await withTenantTransaction(
    db,
    { userId: request.userId },
    async (tx: TenantDb) => {
      const { organization } = await resolveMembership(tx, request, { bindTenant: true });
      const limits = await effectiveLimits(tx, organization.id, { plan: organization.plan });
      return { organization, limits };
    },
  );
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { metered, until: now + QUOTA_ORGANIZATION_TTL_MS });
  return metered;
}
