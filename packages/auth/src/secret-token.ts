// Opaque secrets handed to users (refresh tokens, emailed links): 256 random bits, stored only as SHA-256.
import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes as base64url (43 characters). */
export function generateSecretToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * SHA-256 hex of a token. A plain hash (no salt, no slow KDF) is right here: the input already has 256 bits of
 * entropy, and a deterministic hash is what lets the token be looked up by a unique index.
 */
export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
