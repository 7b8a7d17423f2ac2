// Server-side sessions and token login: revocation, expiry, suspension, refresh rotation with reuse detection.
import { describe, expect, it } from "vitest";

import {
  createSession,
  refreshTokenPair,
  resolveSession,
  revokeTokenFamily,
  sessionLifetimes,
  signAccessToken,
  startTokenSession,
  verifyAccessToken,
} from "@tenantry/auth";
import { tokenLogin } from "@tenantry/core/identity/identity";

import { admin, db } from "../../../test/fixtures.ts";
import {
  bearerCaller,
  createPasswordUser,
  PASSWORD,
  sessionCaller,
  setUserStatus,
  testClient,
} from "../../../test/identity-fixtures.ts";

describe("sessions", () => {
  it("lists the caller's sessions, marks the current one, and revoking one ends it on the next call", async () => {
    const user = await createPasswordUser();
    const laptop = await sessionCaller(user);
    const phone = await sessionCaller(user);
    const other = await sessionCaller(await createPasswordUser());

    const list = await laptop.caller.session.list();
    expect(list.map((s) => s.id).sort()).toEqual([laptop.sessionId, phone.sessionId].sort());
    expect(list.find((s) => s.current)?.id).toBe(laptop.sessionId);
    expect(list[0]?.userAgent).toBe("vitest");

    expect((await phone.caller.account.me()).id).toBe(user.id);
    await laptop.caller.session.revoke({ id: phone.sessionId });
    await expect(phone.caller.account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await laptop.caller.account.me()).id).toBe(user.id);

    // Another user's session is not found, and stays alive.
    await expect(laptop.caller.session.revoke({ id: other.sessionId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await other.caller.account.me()).id).not.toBe(user.id);
  });

  it("revokes all other sessions but keeps the current one", async () => {
    const user = await createPasswordUser();
    const current = await sessionCaller(user);
    const others = [await sessionCaller(user), await sessionCaller(user, "TOKEN")];
    expect(await current.caller.session.revokeOthers()).toEqual({ revoked: 2 });
    for (const o of others) {
      await expect(o.caller.session.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    expect(await current.caller.session.list()).toHaveLength(1);
  });

  it("cuts off a suspended user's sessions on the next request, web and bearer alike", async () => {
    const user = await createPasswordUser();
    const web = await sessionCaller(user);
    const { tokens } = await startTokenSession(db, user.id, testClient());
    const api = bearerCaller(tokens.accessToken);
    expect((await web.caller.account.me()).id).toBe(user.id);
    expect((await api.account.me()).id).toBe(user.id);

    await setUserStatus(user.id, "SUSPENDED");
    await expect(web.caller.account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(api.account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await refreshTokenPair(db, tokens.refreshToken)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("expires idle and absolutely-expired sessions, and throttles lastSeenAt writes", async () => {
    const user = await createPasswordUser();
    const lifetimes = { maxAgeSeconds: 3_600, idleSeconds: 600, touchSeconds: 60 };
    const t0 = new Date("2030-01-01T00:00:00Z");
    const session = await createSession(
      db,
      { userId: user.id, kind: "WEB", client: testClient(), now: t0 },
      lifetimes,
    );
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    const lastSeen = async () =>
      (
        await admin.query<{ last_seen_at: Date }>(
          `SELECT last_seen_at FROM auth_sessions WHERE id = $1`,
          [session.id],
        )
      ).rows[0]?.last_seen_at.getTime();

    expect(await resolveSession(db, session.id, { now: at(30), lifetimes })).not.toBeNull();
    expect(await lastSeen()).toBe(t0.getTime()); // within the touch interval: no write
    expect(await resolveSession(db, session.id, { now: at(500), lifetimes })).not.toBeNull();
    expect(await lastSeen()).toBe(at(500).getTime());
    // Idle: 600 s after the last activity.
    expect(await resolveSession(db, session.id, { now: at(1_100), lifetimes })).toBeNull();
    // Activity keeps it alive, but never past the absolute lifetime.
    for (const s of [1_000, 1_500, 2_000, 2_500, 3_000, 3_500]) {
      expect(await resolveSession(db, session.id, { now: at(s), lifetimes })).not.toBeNull();
    }
    expect(await resolveSession(db, session.id, { now: at(3_601), lifetimes })).toBeNull();
  });

  it("takes the lifetimes from the environment by default", () => {
    expect(sessionLifetimes()).toEqual({
      maxAgeSeconds: 2_592_000,
      idleSeconds: 604_800,
      touchSeconds: 60,
    });
  });
});

describe("token login", () => {
  it("exchanges credentials for a ≤15-minute access token bound to a TOKEN session", async () => {
    const user = await createPasswordUser();
    const res = await tokenLogin(db, { email: user.email, password: PASSWORD }, testClient());
    if (!res.ok) return expect.fail(`login failed: ${res.reason}`);
    expect(res.tokens.tokenType).toBe("Bearer");
    expect(res.tokens.expiresIn).toBeLessThanOrEqual(900);
    const claims = await verifyAccessToken(res.tokens.accessToken);
    expect(claims?.userId).toBe(user.id);
    const { rows } = await admin.query<{ kind: string; user_agent: string }>(
      `SELECT kind, user_agent FROM auth_sessions WHERE id = $1`,
      [claims?.sessionId],
    );
    expect(rows).toEqual([{ kind: "TOKEN", user_agent: "vitest" }]);
    expect((await bearerCaller(res.tokens.accessToken).account.me()).email).toBe(user.email);

    const wrong = await tokenLogin(db, { email: user.email, password: "nope-nope" }, testClient());
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
  });

  it("rejects expired, tampered and foreign-subject access tokens", async () => {
    const user = await createPasswordUser();
    const { sessionId, tokens } = await startTokenSession(db, user.id, testClient());
    const api = bearerCaller(
      `${tokens.accessToken.slice(0, -2)}${tokens.accessToken.endsWith("xx") ? "yy" : "xx"}`,
    );
    await expect(api.account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    const old = await signAccessToken(
      { userId: user.id, sessionId },
      { now: new Date(Date.now() - 16 * 60_000) },
    );
    await expect(bearerCaller(old.token).account.me()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });

    const stranger = await createPasswordUser();
    const forged = await signAccessToken({ userId: stranger.id, sessionId });
    await expect(bearerCaller(forged.token).account.me()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("rotates refresh tokens; reusing a used one revokes the whole family", async () => {
    const user = await createPasswordUser();
    const { tokens: first } = await startTokenSession(db, user.id, testClient());
    const t = Date.now();
    const second = await refreshTokenPair(db, first.refreshToken, { now: new Date(t + 1_000) });
    if (!second.ok) return expect.fail("first refresh failed");
    expect(second.tokens.refreshToken).not.toBe(first.refreshToken);
    const third = await refreshTokenPair(db, second.tokens.refreshToken, {
      now: new Date(t + 2_000),
    });
    if (!third.ok) return expect.fail("second refresh failed");
    expect((await bearerCaller(third.tokens.accessToken).account.me()).id).toBe(user.id);

    // The first token again, long after the grace period: someone copied it.
    const reuse = await refreshTokenPair(db, first.refreshToken, {
      now: new Date(t + 60_000),
      graceSeconds: 10,
    });
    expect(reuse).toEqual({ ok: false, reason: "reused" });

    // Every token and session of the family is dead now.
    expect(await refreshTokenPair(db, third.tokens.refreshToken)).toEqual({
      ok: false,
      reason: "invalid",
    });
    await expect(bearerCaller(third.tokens.accessToken).account.me()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const { rows } = await admin.query<{ revoked_reason: string }>(
      `SELECT revoked_reason FROM auth_sessions WHERE id = $1`,
      [third.sessionId],
    );
    expect(rows).toEqual([{ revoked_reason: "refresh_reuse" }]);
  });

  it("lets concurrent refreshes within the grace period both succeed", async () => {
    const user = await createPasswordUser();
    const { tokens } = await startTokenSession(db, user.id, testClient());
    const [a, b] = await Promise.all([
      refreshTokenPair(db, tokens.refreshToken, { graceSeconds: 10 }),
      refreshTokenPair(db, tokens.refreshToken, { graceSeconds: 10 }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.tokens.refreshToken).not.toBe(b.tokens.refreshToken);
    expect((await refreshTokenPair(db, a.tokens.refreshToken)).ok).toBe(true);
  });

  it("logout revokes the family", async () => {
    const user = await createPasswordUser();
    const { tokens } = await startTokenSession(db, user.id, testClient());
    const next = await refreshTokenPair(db, tokens.refreshToken);
    if (!next.ok) return expect.fail("refresh failed");
    expect(await revokeTokenFamily(db, tokens.refreshToken)).toBe(true);
    expect(await refreshTokenPair(db, next.tokens.refreshToken)).toEqual({
      ok: false,
      reason: "invalid",
    });
    await expect(bearerCaller(next.tokens.accessToken).account.me()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(await revokeTokenFamily(db, "unknown-token-value-xyz")).toBe(false);
  });

  it("does not accept a browser session id as a refresh token family", async () => {
    const user = await createPasswordUser();
    const web = await sessionCaller(user);
    const sessions = await web.caller.session.list();
    expect(sessions.map((s) => s.kind)).toEqual(["WEB"]);
  });
});
