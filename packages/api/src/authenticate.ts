// Turns the request's credential (next-auth session or bearer access token) into a user with a live session.
import { TRPCError } from "@trpc/server";

import type { AuthSession } from "@tenantry/auth";
import type { Db, PlatformRole, UserStatus } from "@tenantry/db";
import { resolveSession, verifyAccessToken } from "@tenantry/auth";

export interface AuthenticatedContext {
  user: { id: string; email: string; name: string; status: UserStatus; platformRole: PlatformRole };
  sessionId: string | null;
  /** The organization the session last named: where a request that names none acts (membership still verified). */
  activeOrganizationId: string | null;
}

const expired = () =>
  new TRPCError({ code: "UNAUTHORIZED", message: "Your session is no longer valid" });

export async function authenticate(ctx: {
  db: Db;
  session: AuthSession | null;
  bearerToken: string | null;
}): Promise<AuthenticatedContext> {
  // An explicit bearer token wins over a cookie, and a bad one is never "fixed" by falling back to the cookie.
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
    };
  }
  // In-process identity (tests, scripts, jobs): no session row, but the account must still be active.
  const user = await ctx.db.user.findUnique({
    where: { id: sessionUser.id },
    select: { id: true, email: true, name: true, status: true, platformRole: true },
  });
  if (user?.status !== "ACTIVE") throw expired();
  return { user, sessionId: null, activeOrganizationId: null };
}
