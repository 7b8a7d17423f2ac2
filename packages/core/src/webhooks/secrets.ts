// Webhook signing secrets: generated as Standard Webhooks `whsec_` secrets, shown once, stored encrypted with the
// server key (AES-256-GCM; WEBHOOK_SECRET_KEY, else derived from AUTH_SECRET), and used to sign every delivery with
// the standardwebhooks library.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

import { env } from "../env.ts";

const VERSION = "v1";
// Outside production only: a fixed key lets `pnpm dev` and the tests run without configuration.
const DEV_KEY = createHash("sha256").update("tenantry development webhook key").digest();

function serverKey(): Buffer {
  if (env.WEBHOOK_SECRET_KEY) {
    const key = Buffer.from(env.WEBHOOK_SECRET_KEY, "base64");
    if (key.length !== 32) throw new Error("WEBHOOK_SECRET_KEY must be 32 bytes, base64-encoded");
    return key;
  }
  // As the audit checkpoint key does: a deployment with AUTH_SECRET (required in production) needs no new secret.
  // Changing AUTH_SECRET then makes stored signing secrets unreadable: set WEBHOOK_SECRET_KEY to keep them apart.
  if (env.AUTH_SECRET) {
    return Buffer.from(hkdfSync("sha256", env.AUTH_SECRET, "", "tenantry webhook secret key", 32));
  }
  if (env.NODE_ENV === "production") {
    throw new Error("WEBHOOK_SECRET_KEY (or AUTH_SECRET) must be set in production");
  }
  return DEV_KEY;
}

/** A new signing secret: `whsec_` + 32 random bytes, base64, as Standard Webhooks expects. */
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString("base64")}`;

export function encryptSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", serverKey(), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decryptSecret(stored: string): string {
  const [version, data] = stored.split(":");
  if (version !== VERSION || !data) throw new Error("unknown webhook secret format");
  const raw = Buffer.from(data, "base64");
  const decipher = createDecipheriv("aes-256-gcm", serverKey(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * The Standard Webhooks headers for one request. During a rotation both the new and the previous secret sign
 * (space-separated `v1,` signatures), so a receiver verifies with either while it switches over.
 */
export function signPayload(
  secrets: readonly string[],
  msgId: string,
  timestamp: Date,
  body: string,
): SignedHeaders {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(msgId, timestamp, body));
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;
