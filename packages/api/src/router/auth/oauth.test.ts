// OAuth account linking (GitHub/Google) against the real database. The provider round-trip itself (redirect,
// code exchange, userinfo) needs the real providers and is not exercised offline: these tests start from what the
// provider reported (account id, email, whether it vouched for the email).
import { describe, expect, it } from "vitest";

import type { OAuthSignInInput } from "@tenantry/auth";
import { createSession, resolveOAuthSignIn, resolveSession, verifyPassword } from "@tenantry/auth";
import { newId } from "@tenantry/db";

import { admin, db } from "../../../test/fixtures.ts";
import {
  createPasswordUser,
  PASSWORD,
  setUserStatus,
  testClient,
  uniqueEmail,
} from "../../../test/identity-fixtures.ts";

const signIn = (input: Partial<OAuthSignInInput> & { email: string | null }) =>
  resolveOAuthSignIn(db, {
    provider: "github",
    providerAccountId: `gh-${newId()}`,
    emailVerified: true,
    name: "Octo Cat",
    ...input,
  });

async function linksOf(userId: string) {
  const { rows } = await admin.query<{ provider: string; provider_account_id: string }>(
    `SELECT provider, provider_account_id FROM oauth_accounts WHERE user_id = $1 ORDER BY provider`,
    [userId],
  );
  return rows;
}

async function userRow(email: string) {
  const { rows } = await admin.query<{
    id: string;
    name: string;
    password_hash: string | null;
    email_verified: Date | null;
  }>(`SELECT id, name, password_hash, email_verified FROM users WHERE email = $1`, [email]);
  return rows;
}

describe("OAuth sign-in", () => {
  it("creates a verified user without password or organization for a new verified email; its session works", async () => {
    const email = uniqueEmail("oauth-new");
    const providerAccountId = `gh-${newId()}`;
    const result = await signIn({ email: email.toUpperCase(), providerAccountId });
    if (!result.ok) expect.fail(`refused: ${result.reason}`);
    expect(result.outcome).toBe("created");
    expect(result.user).toMatchObject({ email, name: "Octo Cat" });

    const [user] = await userRow(email);
    expect(user?.id).toBe(result.user.id);
    expect(user?.password_hash).toBeNull();
    expect(user?.email_verified).toBeInstanceOf(Date);
    expect(await linksOf(result.user.id)).toEqual([
      { provider: "github", provider_account_id: providerAccountId },
    ]);
    const { rows: memberships } = await admin.query(
      `SELECT 1 FROM memberships WHERE user_id = $1`,
      [result.user.id],
    );
    expect(memberships).toHaveLength(0);

    // As next.ts does after a successful resolution: a server-side session whose id rides in the JWT.
    const session = await createSession(db, {
      userId: result.user.id,
      kind: "WEB",
      client: testClient(),
    });
    const resolved = await resolveSession(db, session.id, { expectedUserId: result.user.id });
    expect(resolved?.user.email).toBe(email);

    // The same provider account signs in as the same user next time.
    const again = await signIn({ email, providerAccountId });
    expect(again).toMatchObject({ ok: true, outcome: "existing", user: { id: result.user.id } });
  });

  it("links an existing user when the provider vouches for the email, keeping their password", async () => {
    const user = await createPasswordUser();
    const result = await signIn({
      provider: "google",
      email: user.email,
      providerAccountId: "g-1" + newId(),
    });
    expect(result).toMatchObject({
      ok: true,
      outcome: "linked",
      user: { id: user.id, email: user.email },
    });
    expect((await linksOf(user.id)).map((l) => l.provider)).toEqual(["google"]);
    const [row] = await userRow(user.email);
    expect(await verifyPassword(row?.password_hash, PASSWORD)).toBe(true);
  });

  it("refuses an existing email the provider did not verify, and links nothing", async () => {
    const user = await createPasswordUser();
    const providerAccountId = `gh-${newId()}`;
    const result = await signIn({ email: user.email, emailVerified: false, providerAccountId });
    expect(result).toEqual({ ok: false, reason: "email_unverified" });
    expect(await linksOf(user.id)).toEqual([]);
    const { rows } = await admin.query(
      `SELECT 1 FROM oauth_accounts WHERE provider = 'github' AND provider_account_id = $1`,
      [providerAccountId],
    );
    expect(rows).toHaveLength(0);
  });

  it("never creates an account for an unverified or missing email", async () => {
    const email = uniqueEmail("oauth-unverified");
    expect(await signIn({ email, emailVerified: false })).toEqual({
      ok: false,
      reason: "email_unverified",
    });
    expect(await signIn({ email: null })).toEqual({ ok: false, reason: "email_unverified" });
    expect(await userRow(email)).toEqual([]);
  });

  it("signs a linked account in even after its email changed at the provider", async () => {
    const user = await createPasswordUser();
    const providerAccountId = `gh-${newId()}`;
    expect(await signIn({ email: user.email, providerAccountId })).toMatchObject({ ok: true });

    const moved = uniqueEmail("moved");
    const result = await signIn({ email: moved, emailVerified: false, providerAccountId });
    expect(result).toMatchObject({
      ok: true,
      outcome: "existing",
      user: { id: user.id, email: user.email },
    });
    expect(await userRow(moved)).toEqual([]);
  });

  it("refuses suspended, deactivated and locked users, linked or not", async () => {
    const linked = await createPasswordUser();
    const providerAccountId = `gh-${newId()}`;
    expect(await signIn({ email: linked.email, providerAccountId })).toMatchObject({ ok: true });
    await setUserStatus(linked.id, "SUSPENDED");
    expect(await signIn({ email: linked.email, providerAccountId })).toEqual({
      ok: false,
      reason: "account_disabled",
    });

    const unlinked = await createPasswordUser();
    await setUserStatus(unlinked.id, "DEACTIVATED");
    expect(await signIn({ email: unlinked.email })).toEqual({
      ok: false,
      reason: "account_disabled",
    });
    expect(await linksOf(unlinked.id)).toEqual([]);

    const locked = await createPasswordUser();
    await admin.query(
      `UPDATE users SET locked_until = now() + interval '10 minutes' WHERE id = $1`,
      [locked.id],
    );
    expect(await signIn({ email: locked.email })).toEqual({ ok: false, reason: "account_locked" });
    expect(await linksOf(locked.id)).toEqual([]);
  });

  it("takes over an unverified password account: the unproven password and its sessions stop working", async () => {
    const squatted = await createPasswordUser({ verified: false });
    const session = await createSession(db, {
      userId: squatted.id,
      kind: "WEB",
      client: testClient(),
    });
    const result = await signIn({ provider: "google", email: squatted.email });
    expect(result).toMatchObject({ ok: true, outcome: "linked", user: { id: squatted.id } });
    const [row] = await userRow(squatted.email);
    expect(row?.password_hash).toBeNull();
    expect(row?.email_verified).toBeInstanceOf(Date);
    expect(await resolveSession(db, session.id)).toBeNull();
  });
});
