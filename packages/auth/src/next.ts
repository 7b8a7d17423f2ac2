// next-auth (v5) for the web app: email + password sign-in. The JWT cookie only carries the user and the id of a
// server-side session (auth_sessions); every read of the session re-checks that row, so sign-out elsewhere,
// revocation, idle/absolute expiry and user suspension end the browser session on its next request.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";

import { getDb } from "@tenantry/db";

import type { AuthSession } from "./index.ts";
import { clientInfo } from "./client-info.ts";
import { signInWithPassword } from "./credentials.ts";
import { env } from "./env.ts";
import { createSession, resolveSession, revokeSession } from "./session.ts";

/** Why a credentials sign-in failed; `code` reaches the sign-in form (and next-auth's error URL). */
export class SignInRefused extends CredentialsSignin {
  constructor(
    code: "invalid" | "unverified" | "rate_limited",
    readonly retryAfterSeconds: number | null = null,
  ) {
    super();
    this.code = retryAfterSeconds === null ? code : `${code}:${retryAfterSeconds}`;
  }
}

/** Parses a SignInRefused code back ("rate_limited:120" → reason + seconds). */
export function parseSignInCode(code: string | undefined): {
  reason: string;
  retryAfterSeconds: number | null;
} {
  const [reason = "invalid", seconds] = (code ?? "").split(":");
  const n = Number(seconds);
  return { reason, retryAfterSeconds: Number.isFinite(n) && n > 0 ? n : null };
}

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    sessionId?: string;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  // The app runs behind whatever host the operator chooses (localhost in dev, a proxy in production).
  trustHost: true,
  // The cookie may live as long as the server-side session can; the row decides whether it still works.
  session: { strategy: "jwt", maxAge: env.AUTH_SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  logger: {
    // A refused sign-in is an expected outcome, not a server error worth a stack trace.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials, request) => {
        const db = getDb();
        const client = clientInfo(request.headers);
        const result = await signInWithPassword(db, credentials, client);
        if (!result.ok) {
          throw new SignInRefused(
            result.reason,
            result.reason === "rate_limited" ? result.retryAfterSeconds : null,
          );
        }
        const session = await createSession(db, { userId: result.user.id, kind: "WEB", client });
        return { ...result.user, sessionId: session.id };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      // next-auth types `user` as always present, but it is only passed on the sign-in request itself.
      const signedIn = user as typeof user | undefined;
      if (signedIn?.id) {
        token.sub = signedIn.id;
        token.sid = signedIn.sessionId;
        return token;
      }
      const sid = typeof token.sid === "string" ? token.sid : null;
      if (!sid || !token.sub) return null;
      const resolved = await resolveSession(getDb(), sid, { expectedUserId: token.sub });
      // null signs the browser out: next-auth clears the cookie where it can (route handlers, actions).
      if (!resolved) return null;
      token.email = resolved.user.email;
      token.name = resolved.user.name;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sub && typeof token.sid === "string") {
        await revokeSession(getDb(), token.sub, token.sid, "sign_out");
      }
    },
  },
});

/** The request's session in the shape the API trusts, or null when signed out (or the session was revoked). */
export async function getAuthSession(): Promise<AuthSession | null> {
  const session = await auth();
  const user = session?.user;
  const sessionId = session?.sessionId;
  if (!user?.id || !sessionId) return null;
  return {
    user: { id: user.id, email: user.email ?? "", name: user.name ?? "" },
    sessionId,
  };
}
