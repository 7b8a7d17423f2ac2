// Turns the request's credential (next-auth session, bearer access token or organization API key) into a user with
// a live session, or a key acting as its creator. tRPC (authedProcedure) and the REST handlers both call this.
import { TRPCError } from "@trpc/server";

import type { AuthSession, ClientInfo } from "@tenantry/auth";
import type { ApiKeyPrincipal } from "@tenantry/core/organization/api-key-verify";
import type { Db, PlatformRole, UserStatus } from "@tenantry/db";
import { resolveSession, verifyAccessToken } from "@tenantry/auth";
import { isDomainError } from "@tenantry/core";
import { looksLikeApiKey } from "@tenantry/core/organization/api-key-secret";
import { lookupApiKey } from "@tenantry/core/organization/api-key-verify";

export interface AuthenticatedContext {
  user: { id: string; email: string; name: string; status: UserStatus; platformRole: PlatformRole };
  sessionId: string | null;
  /** The organization the session last named: where a request that names none acts (membership still verified). */
  activeOrganizationId: string | null;
  /**
   * Set when the credential is an organization API key: the call is bound to its organization and acts with at most
   * its scopes (orgProcedure checks both, and re-checks revocation inside the tenant transaction).
   */
  apiKey: ApiKeyPrincipal | null;
}

const expired = () =>
  new TRPCError({ code: "UNAUTHORIZED", message: "Your session is no longer valid" });

export async function authenticate(ctx: {
  db: Db;
  session: AuthSession | null;
  bearerToken: string | null;
  client?: ClientInfo;
}): Promise<AuthenticatedContext> {
  // An explicit bearer token wins over a cookie, and a bad one is never "fixed" by falling back to the cookie.
  if (ctx.bearerToken && looksLikeApiKey(ctx.bearerToken)) {
    const apiKey = await lookupApiKey(ctx.db, ctx.bearerToken, ctx.client?.ip ?? "").catch(
      (error: unknown) => {
        // One answer for malformed, unknown, revoked, expired and wrong-IP keys: no hint which.
        if (isDomainError(error, "unauthenticated")) {
          throw new TRPCError({ code: "UNAUTHORIZED", message: error.message });
        }
        throw error;
      },
    );
    return {
      user: apiKey.user,
      sessionId: null,
      activeOrganizationId: apiKey.organizationId,
      apiKey,
    };
  }
  if (ctx.bearerToken) {
    const claims = await verifyAccessToken(ctx.bearerToken);
    if (!claims) {
      throw new TRPCError({ code: "UNAUTHORIZED", message: "Invalid or expired access token" });
    }
    const resolved = await resolveSession(ctx.db, claims.sessionId, {
      expectedUserId: claims.userId,
    });
    if (!resolved) throw expired();
    return {
      user: resolved.user,
      sessionId: resolved.sessionId,
      activeOrganizationId: resolved.activeOrganizationId,
      apiKey: null,
    };
  }
  const sessionUser = ctx.session?.user;
  if (!ctx.session || !sessionUser) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue" });
  }
  if (ctx.session.sessionId) {
    const resolved = await resolveSession(ctx.db, ctx.session.sessionId, {
      expectedUserId: sessionUser.id,
    });
    if (!resolved) throw expired();
    return {
      user: resolved.user,
      sessionId: resolved.sessionId,
      activeOrganizationId: resolved.activeOrganizationId,
      apiKey: null,
    };
  }
  // In-process identity (tests, scripts, jobs): no session row, but the account must still be active.
  const user = await ctx.db.user.findUnique({
    where: { id: sessionUser.id },
    select: { id: true, email: true, name: true, status: true, platformRole: true },
  });
  if (user?.status !== "ACTIVE") throw expired();
  return { user, sessionId: null, activeOrganizationId: null, apiKey: null };
}
