// next-auth (v5) for the web app: email + password sign-in, and GitHub/Google when configured. The JWT cookie only
// carries the user and the id of a server-side session (auth_sessions); every read of the session re-checks that
// row, so sign-out elsewhere, revocation, idle/absolute expiry and user suspension end the browser session on its
// next request. A read that cannot reach the database neither signs the browser out nor vouches for the session.
import { headers } from "next/headers";
import { cache } from "react";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";

import { DatabaseUnavailableError, getDb, isDatabaseUnavailable } from "@tenantry/db";

import type { AuthSession } from "./index.ts";
import type { ResolvedSession } from "./session.ts";
import { clientInfo } from "./client-info.ts";
import { signInWithPassword } from "./credentials.ts";
import { env } from "./env.ts";
import { githubVerifiedPrimaryEmail, oauthProviderConfigs, resolveOAuthSignIn } from "./oauth.ts";
import { createSession, resolveSession, revokeSession } from "./session.ts";

/**
 * The session row as this request's session check read it. React's per-request cache: within one server render the
 * check below and the page's tRPC context share one read of the row (checkedSessionOfRequest); elsewhere (route
 * handlers, actions) `cache` memoizes nothing and nothing is kept.
 */
const checkedThisRequest = cache((): { resolved: ResolvedSession | null } => ({ resolved: null }));

/** The live session this request's check found, if it found `sessionId` (a render asks after getAuthSession). */
export function checkedSessionOfRequest(sessionId: string): ResolvedSession | null {
  const { resolved } = checkedThisRequest();
  return resolved?.sessionId === sessionId ? resolved : null;
}

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

const oauthConfigs = oauthProviderConfigs(env);

/** The OAuth providers the sign-in page offers (those whose id and secret are both set). */
export const oauthProviders: { id: string; name: string }[] = oauthConfigs.map(({ id, name }) => ({
  id,
  name,
}));

const GITHUB_API = "https://api.github.com";

const oauthProviderObjects = oauthConfigs.map((config) =>
  config.id === "github"
    ? GitHub({
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        // next-auth's default takes the public profile email (or the primary one, verified or not). Only the
        // primary address GitHub has verified may link to or create an account, so that is the one we report,
        // with email_verified saying so; without one, email is null and the sign-in is refused unless linked.
        userinfo: {
          url: `${GITHUB_API}/user`,
          async request({ tokens }: { tokens: { access_token?: string } }) {
            const requestHeaders = {
              Authorization: `Bearer ${tokens.access_token ?? ""}`,
              Accept: "application/vnd.github+json",
              "User-Agent": "tenantry",
            };
            const profileRes = await fetch(`${GITHUB_API}/user`, { headers: requestHeaders });
            if (!profileRes.ok) throw new Error(`GitHub /user answered ${profileRes.status}`);
            const profile = (await profileRes.json()) as Record<string, unknown>;
            const emailsRes = await fetch(`${GITHUB_API}/user/emails`, { headers: requestHeaders });
            const email = emailsRes.ok ? githubVerifiedPrimaryEmail(await emailsRes.json()) : null;
            return { ...profile, email, email_verified: email !== null };
          },
        },
      })
    : Google({ clientId: config.clientId, clientSecret: config.clientSecret }),
);

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    sessionId?: string;
    /** The session row could not be read (database unavailable): getAuthSession refuses to vouch for it. */
    unchecked?: boolean;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  // The app runs behind whatever host the operator chooses (localhost in dev, a proxy in production).
  trustHost: true,
  // The cookie may live as long as the server-side session can; the row decides whether it still works.
  session: { strategy: "jwt", maxAge: env.AUTH_SESSION_MAX_AGE_SECONDS },
  // OAuth failures (and refusals, see the signIn callback) come back to the sign-in page with ?error=.
  pages: { signIn: "/sign-in", error: "/sign-in" },
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
    ...oauthProviderObjects,
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!account || account.type === "credentials") return true;
      if (account.provider !== "github" && account.provider !== "google") return false;
      const db = getDb();
      const result = await resolveOAuthSignIn(db, {
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        // Both providers' profiles carry email + email_verified (Google's OIDC claims; ours for GitHub, above).
        email: typeof profile?.email === "string" ? profile.email : null,
        emailVerified: profile?.email_verified === true,
        name: user.name,
      });
      if (!result.ok) return `/sign-in?error=${result.reason}`;
      const session = await createSession(db, {
        userId: result.user.id,
        kind: "WEB",
        client: clientInfo(await headers()),
      });
      // Without a database adapter next-auth hands this same object to the jwt callback: it carries our user id
      // (instead of next-auth's random one) and the server-side session id into the token, as authorize does.
      user.id = result.user.id;
      user.email = result.user.email;
      user.name = result.user.name;
      user.sessionId = session.id;
      return true;
    },
    async jwt({ token, user }) {
      // next-auth types `user` as always present, but it is only passed on the sign-in request itself.
      const signedIn = user as typeof user | undefined;
      if (signedIn?.id) {
        // Every sign-in path creates a server-side session first; a user without one gets no cookie.
        if (!signedIn.sessionId) return null;
        token.sub = signedIn.id;
        token.sid = signedIn.sessionId;
        return token;
      }
      const sid = typeof token.sid === "string" ? token.sid : null;
      if (!sid || !token.sub) return null;
      let resolved: Awaited<ReturnType<typeof resolveSession>>;
      try {
        resolved = await resolveSession(getDb(), sid, { expectedUserId: token.sub });
      } catch (error) {
        // next-auth answers a failing callback by clearing the cookie: an outage would sign every browser out.
        // Keep the token, marked unchecked until a read succeeds; getAuthSession turns the mark into a 503.
        if (!isDatabaseUnavailable(error)) throw error;
        console.error("session check: database unavailable", error);
        return { ...token, unchecked: true };
      }
      // null signs the browser out: next-auth clears the cookie where it can (route handlers, actions).
      if (!resolved) return null;
      checkedThisRequest().resolved = resolved;
      token.email = resolved.user.email;
      token.name = resolved.user.name;
      delete token.unchecked;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      if (token.unchecked === true) session.unchecked = true;
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

/**
 * The request's session in the shape the API trusts, or null when signed out (or the session was revoked). Throws
 * DatabaseUnavailableError when the session could not be checked, which the API answers with 503.
 */
export async function getAuthSession(): Promise<AuthSession | null> {
  const session = await auth();
  if (session?.unchecked) {
    throw new DatabaseUnavailableError("the session could not be checked: database unavailable");
  }
  const user = session?.user;
  const sessionId = session?.sessionId;
  if (!user?.id || !sessionId) return null;
  return {
    user: { id: user.id, email: user.email ?? "", name: user.name ?? "" },
    sessionId,
  };
}
