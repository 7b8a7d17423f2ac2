// Whose Idempotency-Key a request carries: the organization it acts in — verified as orgProcedure verifies it, so
// naming another organization can never read or fill that organization's keys — and the credential that sent it
// (an API key, a session, or for public routes the caller's address). Two credentials never share an answer.
import type { TenantDb } from "@tenantry/db";
import { isDomainError } from "@tenantry/core";
import { withTenantTransaction } from "@tenantry/db";

import type { Context } from "../context.ts";
import type { IdempotencyScope } from "./idempotency.ts";
import type { RestRoute } from "./routes.ts";
import { authenticate } from "../authenticate.ts";
import { resolveKeyMembership } from "../middleware/api-key-steps.ts";
import { isTRPCError } from "../trpc-error.ts";

export async function idempotencyScope(
  route: RestRoute,
  ctx: Context,
  key: string,
): Promise<IdempotencyScope> {
  if (route.public) {
    return { organizationId: null, userId: null, credential: `public:${ctx.client.ip}`, key };
  }
  const auth = await authenticate(ctx);
  const credential = auth.apiKey
    ? `key:${auth.apiKey.id}`
    : auth.sessionId !== null
      ? `session:${auth.sessionId}`
      : `user:${auth.user.id}`;
  const request = {
    userId: auth.user.id,
    requested: auth.apiKey ? auth.apiKey.organizationId : ctx.organization,
    activeOrganizationId: auth.activeOrganizationId,
  };
  const organizationId = await withTenantTransaction(
    ctx.db,
    { userId: auth.user.id },
    (tx: TenantDb) => resolveKeyMembership(tx, request, auth.apiKey, ctx.organization),
  ).then(
    (membership) => membership.organization.id,
    (error: unknown) => {
      // No organization to act in: the call itself is refused the same way, so its key needs no tenant.
      if (isDomainError(error, "forbidden") || isDomainError(error, "unauthenticated")) return null;
      if (isTRPCError(error) && error.code === "UNAUTHORIZED") return null;
      throw error;
    },
  );
  return { organizationId, userId: auth.user.id, credential, key };
}
