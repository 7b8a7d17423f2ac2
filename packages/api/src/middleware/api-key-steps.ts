// The API-key half of orgProcedure's membership step: a key resolves only in its own organization, through its
// creator's membership; a creator who left makes the key unusable (401, like any invalid key).
import type { ApiKeyPrincipal } from "@tenantry/core/organization/api-key-verify";
import type { TenantDb } from "@tenantry/db";
import { ForbiddenError, isDomainError } from "@tenantry/core";
import { invalidApiKey } from "@tenantry/core/organization/api-key-verify";

import type { MembershipRequest, ResolvedMembership } from "./org-steps.ts";
import { resolveMembership } from "./org-steps.ts";

/**
 * `requested` is what the client named (the organization header): for a key it must be the key's organization
 * (by id or slug) or nothing; naming another one is refused rather than silently ignored.
 */
export async function resolveKeyMembership(
  tx: TenantDb,
  request: MembershipRequest,
  apiKey: ApiKeyPrincipal | null,
  requested: string | null,
  opts: { bindTenant?: boolean } = {},
): Promise<ResolvedMembership> {
  if (!apiKey) return resolveMembership(tx, request, opts);
  const resolved = await resolveMembership(tx, request, opts).catch((error: unknown) => {
    if (isDomainError(error, "forbidden")) throw invalidApiKey();
    throw error;
  });
  const org = resolved.organization;
  if (requested !== null && requested !== org.id && requested !== org.slug) {
    throw new ForbiddenError("This API key belongs to another organization");
  }
  return resolved;
}
