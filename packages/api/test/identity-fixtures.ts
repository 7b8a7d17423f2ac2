// Test helpers for the identity tests: users with real passwords, session callers, mail from the outbox.
import { randomBytes } from "node:crypto";
import { expect } from "vitest";

import type { ClientInfo } from "@tenantry/auth";
import { createSession, hashPassword } from "@tenantry/auth";
import { settleBackgroundWork } from "@tenantry/core/identity/fixed-time";
import { newId } from "@tenantry/db";

import { createCaller, createInnerTRPCContext } from "../src/index.ts";
import { admin, db } from "./fixtures.ts";

export const PASSWORD = "a perfectly fine passphrase";

/** A distinct pseudo IP per test, so per-IP limits never leak between tests or runs (real Redis keeps keys). */
export function testClient(): ClientInfo {
  return { ip: `test-${randomBytes(6).toString("hex")}`, userAgent: "vitest" };
}

export function uniqueEmail(label = "u"): string {
  return `${label}-${newId()}@example.test`;
}

export async function createPasswordUser(
  opts: { email?: string; password?: string; verified?: boolean; platformAdmin?: boolean } = {},
) {
  const id = newId();
  const email = opts.email ?? uniqueEmail();
  const name = `User ${id.slice(-6)}`;
  await admin.query(
    `INSERT INTO users (id, email, name, password_hash, email_verified, platform_role, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())`,
    [
      id,
      email,
      name,
      await hashPassword(opts.password ?? PASSWORD),
      opts.verified === false ? null : new Date(),
      opts.platformAdmin ? "ADMIN" : "USER",
    ],
  );
  return { id, email, name };
}

/** A caller holding a real server-side session, as the web app's tRPC route builds it. */
export async function sessionCaller(
  user: { id: string; email: string; name: string },
  kind: "WEB" | "TOKEN" = "WEB",
) {
  const session = await createSession(db, { userId: user.id, kind, client: testClient() });
  const caller = createCaller(
    createInnerTRPCContext({ db, session: { user, sessionId: session.id }, client: testClient() }),
  );
  return { caller, sessionId: session.id };
}

export function bearerCaller(accessToken: string) {
  return createCaller(createInnerTRPCContext({ db, session: null, bearerToken: accessToken }));
}

export function anonymousCaller(client: ClientInfo = testClient()) {
  return createCaller(createInnerTRPCContext({ db, session: null, client }));
}

/** Mail sent to `to`, once any identity work that outlived its answer has finished (@tenantry/core identity/fixed-time.ts). */
export async function outbox(to: string) {
  await settleBackgroundWork();
  return db.mailOutbox.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
}

/** The token of the last link to `path` mailed to `to`. */
export async function tokenFromMail(to: string, path: string): Promise<string> {
  const mails = await outbox(to);
  const texts = mails.map((m) => m.text).reverse();
  for (const text of texts) {
    const match = new RegExp(`${path}\\?token=([A-Za-z0-9_%-]+)`).exec(text);
    if (match?.[1]) return decodeURIComponent(match[1]);
  }
  expect.fail(`no ${path} link mailed to ${to}`);
}

export async function setUserStatus(
  userId: string,
  status: "ACTIVE" | "SUSPENDED" | "DEACTIVATED",
) {
  await admin.query(`UPDATE users SET status = $2 WHERE id = $1`, [userId, status]);
}
