// A short-lived pass to the mail outbox for someone who proved they hold an account's password but cannot sign in
// yet (the email is unverified) in a deployment that sends no mail: it names that account's address, so the outbox
// shows them their own verification mail and nothing else. HMAC-SHA256 with a key derived from AUTH_SECRET.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

import { env } from "./env.ts";

export const OUTBOX_PASS_TTL_SECONDS = 15 * 60;

let key: Buffer | undefined;

function passKey(): Buffer {
  if (key) return key;
  if (env.AUTH_SECRET) {
    key = Buffer.from(
      hkdfSync("sha256", env.AUTH_SECRET, "tenantry", "tenantry outbox pass v1", 32),
    );
  } else if (env.NODE_ENV === "production") {
    throw new Error("Set AUTH_SECRET to issue outbox passes");
  } else {
    // Development and tests without a configured secret: passes do not survive a restart.
    key = randomBytes(32);
  }
  return key;
}

const mac = (payload: string) =>
  createHmac("sha256", passKey()).update(payload).digest("base64url");

export function signOutboxPass(email: string, now = new Date()): string {
  const payload = Buffer.from(
    JSON.stringify({ e: email.toLowerCase(), x: now.getTime() + OUTBOX_PASS_TTL_SECONDS * 1000 }),
  ).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

/** The address the pass names, or null (forged, altered, expired or malformed). */
export function verifyOutboxPass(value: string | undefined, now = new Date()): string | null {
  if (!value || value.length > 1000) return null;
  const [payload, signature, extra] = value.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const data: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (
      typeof data === "object" &&
      data !== null &&
      "e" in data &&
      typeof data.e === "string" &&
      "x" in data &&
      typeof data.x === "number" &&
      data.x > now.getTime()
    ) {
      return data.e;
    }
  } catch {
    // fall through
  }
  return null;
}
