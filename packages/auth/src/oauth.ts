// OAuth sign-in (GitHub, Google): which providers are enabled, and who a provider account signs in as.
// Linking rule: a known provider account signs in as its user; otherwise the provider's email only counts when the
// provider asserts it is verified, and then it links to the user with that email or creates one. An unverified
// email never links and never creates an account (anyone can put any address on a GitHub profile).
import type { Db } from "@tenantry/db";
import { Prisma } from "@tenantry/db";
import { ZEmail, ZPersonName } from "@tenantry/validators";

export type OAuthProviderId = "github" | "google";

export interface OAuthProviderConfig {
  id: OAuthProviderId;
  name: string;
  clientId: string;
  clientSecret: string;
}

export interface OAuthEnv {
  AUTH_GITHUB_ID?: string;
  AUTH_GITHUB_SECRET?: string;
  AUTH_GOOGLE_ID?: string;
  AUTH_GOOGLE_SECRET?: string;
}

/** The providers whose id and secret are both set, in button order. */
export function oauthProviderConfigs(vars: OAuthEnv): OAuthProviderConfig[] {
  const out: OAuthProviderConfig[] = [];
  if (vars.AUTH_GITHUB_ID && vars.AUTH_GITHUB_SECRET) {
    out.push({
      id: "github",
      name: "GitHub",
      clientId: vars.AUTH_GITHUB_ID,
      clientSecret: vars.AUTH_GITHUB_SECRET,
    });
  }
  if (vars.AUTH_GOOGLE_ID && vars.AUTH_GOOGLE_SECRET) {
    out.push({
      id: "google",
      name: "Google",
      clientId: vars.AUTH_GOOGLE_ID,
      clientSecret: vars.AUTH_GOOGLE_SECRET,
    });
  }
  return out;
}

export interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * The only GitHub address we trust: the primary one, and only if GitHub verified it (GET /user/emails). The
 * profile's public `email` is not enough: it may be absent, and it is not necessarily the verified primary.
 */
export function githubVerifiedPrimaryEmail(emails: unknown): string | null {
  if (!Array.isArray(emails)) return null;
  for (const entry of emails as Partial<GitHubEmail>[]) {
    if (entry.primary === true && entry.verified === true && typeof entry.email === "string") {
      return entry.email;
    }
  }
  return null;
}

export interface OAuthSignInInput {
  provider: OAuthProviderId;
  /** The provider's stable account id (GitHub user id, Google `sub`). */
  providerAccountId: string;
  email: string | null | undefined;
  /** True only when the provider asserted this email is verified (Google `email_verified`, GitHub primary+verified). */
  emailVerified: boolean;
  name: string | null | undefined;
}

export type OAuthSignInRefusal =
  /** No link yet, and the provider did not vouch for the email: nothing is linked or created. */
  | "email_unverified"
  /** The user is deactivated or suspended. */
  | "account_disabled"
  /** The user is temporarily locked after repeated failed sign-ins. */
  | "account_locked";

export type OAuthSignInResult =
  | {
      ok: true;
      user: { id: string; email: string; name: string };
      /** "existing": known provider account; "linked": linked to the user with the verified email; "created". */
      outcome: "existing" | "linked" | "created";
    }
  | { ok: false; reason: OAuthSignInRefusal };

const userSelect = {
  id: true,
  email: true,
  name: true,
  status: true,
  lockedUntil: true,
  emailVerified: true,
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

function refusal(user: UserRow, now: Date): OAuthSignInRefusal | null {
  if (user.status !== "ACTIVE") return "account_disabled";
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) return "account_locked";
  return null;
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** Decides who an OAuth sign-in is (see the rule at the top); the caller then creates the session. */
export async function resolveOAuthSignIn(
  db: Db,
  input: OAuthSignInInput,
  opts: { now?: Date } = {},
): Promise<OAuthSignInResult> {
  try {
    return await resolveOnce(db, input, opts.now ?? new Date());
  } catch (error) {
    // Two first sign-ins of the same account (or email) at once: the loser finds the winner's rows.
    if (isUniqueViolation(error)) return resolveOnce(db, input, opts.now ?? new Date());
    throw error;
  }
}

async function resolveOnce(db: Db, input: OAuthSignInInput, now: Date): Promise<OAuthSignInResult> {
  const providerAccountId = input.providerAccountId.slice(0, 255);
  // oauth_accounts and users are global tables (no tenant), so this runs outside a tenant transaction.
  const link = await db.oAuthAccount.findUnique({
    where: { provider_providerAccountId: { provider: input.provider, providerAccountId } },
    select: { user: { select: userSelect } },
  });
  if (link) {
    // The link decides, whatever email the provider reports today (it may have changed there).
    const refused = refusal(link.user, now);
    if (refused) return { ok: false, reason: refused };
    return { ok: true, user: publicUser(link.user), outcome: "existing" };
  }

  const parsedEmail = ZEmail.safeParse(input.email ?? "");
  if (!input.emailVerified || !parsedEmail.success)
    return { ok: false, reason: "email_unverified" };
  const email = parsedEmail.data;

  const existing = await db.user.findUnique({ where: { email }, select: userSelect });
  if (existing) {
    const refused = refusal(existing, now);
    if (refused) return { ok: false, reason: refused };
    await db.$transaction(async (tx) => {
      await tx.oAuthAccount.create({
        data: { userId: existing.id, provider: input.provider, providerAccountId },
      });
      if (!existing.emailVerified) {
        // Pre-account-hijacking guard: whoever registered this address with a password never proved they own it.
        // The provider just proved the address belongs to this person, so that unproven password (and any session)
        // must not survive into the now-verified account; they can set a password by reset.
        await tx.user.update({
          where: { id: existing.id },
          data: { emailVerified: now, passwordHash: null },
        });
        await tx.authSession.updateMany({
          where: { userId: existing.id, revokedAt: null },
          data: { revokedAt: now, revokedReason: "oauth_takeover" },
        });
      }
    });
    return { ok: true, user: publicUser(existing), outcome: "linked" };
  }

  const created = await db.user.create({
    data: {
      email,
      name: displayName(input.name, email),
      emailVerified: now,
      oauthAccounts: { create: { provider: input.provider, providerAccountId } },
    },
    select: userSelect,
  });
  return { ok: true, user: publicUser(created), outcome: "created" };
}

function publicUser(user: UserRow) {
  return { id: user.id, email: user.email, name: user.name };
}

/**
 * The provider's display name when it is a valid name here (one line, storable, cut to 100 code points so a
 * surrogate pair is never split), else the email's local part.
 */
function displayName(name: string | null | undefined, email: string): string {
  const parsed = ZPersonName.safeParse([...(name ?? "").trim()].slice(0, 100).join(""));
  if (parsed.success) return parsed.data;
  const local = (email.split("@")[0] ?? "").slice(0, 100);
  return local === "" ? "User" : local;
}
