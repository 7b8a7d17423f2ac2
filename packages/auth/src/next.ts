// next-auth (v5) for the web app: email + password sign-in with JWT session cookies.
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";

import { getDb } from "@tenantry/db";

import type { AuthSession } from "./index.ts";
import { authenticateWithPassword } from "./credentials.ts";
import { env } from "./env.ts";

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET,
  // The app runs behind whatever host the operator chooses (localhost in dev, a proxy in production).
  trustHost: true,
  session: { strategy: "jwt", maxAge: env.AUTH_SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email" }, password: { label: "Password", type: "password" } },
      authorize: async (credentials) => authenticateWithPassword(getDb(), credentials),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // next-auth types `user` as always present, but it is only passed on the sign-in request itself.
      const signedIn = user as typeof user | undefined;
      if (signedIn?.id) token.sub = signedIn.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});

/** The request's session in the shape the API trusts, or null when signed out. */
export async function getAuthSession(): Promise<AuthSession | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id) return null;
  return { user: { id: user.id, email: user.email ?? "", name: user.name ?? "" } };
}
