// Which organization an API client's call is metered against, remembered for a few seconds per caller. Metering
// must happen before the tenant transaction opens (no Redis call while a transaction holds a pooled connection),
// and looking the membership up first in a transaction of its own cost four extra round trips per call.
import type { Db, TenantDb } from "@tenantry/db";
import { withTenantTransaction } from "@tenantry/db";

import type { MembershipRequest, OrgContext } from "./org-steps.ts";
import { resolveMembership } from "./org-steps.ts";

/**
 * Only the meter reads this: the tenant transaction resolves and verifies the membership again on every call, so a
 * stale entry can at worst charge one call to the organization the caller belonged to up to this long ago, or let a
 * call through the status pre-check that the transaction then refuses.
 */
export const QUOTA_ORGANIZATION_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

const cache = new Map<string, { org: OrgContext; until: number }>();

export async function quotaOrganization(
  db: Db,
  request: MembershipRequest,
  now = Date.now(),
): Promise<OrgContext> {
  // The key is the whole request: the caller and what they named (or their session's active organization).
  const key = `${request.userId}\u0000${request.requested ?? ""}\u0000${request.activeOrganizationId ?? ""}`;
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.org;
  const resolved = await withTenantTransaction(db, { userId: request.userId }, (tx: TenantDb) =>
    resolveMembership(tx, request),
  );
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, { org: resolved.organization, until: now + QUOTA_ORGANIZATION_TTL_MS });
  return resolved.organization;
}
