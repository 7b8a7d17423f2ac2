// The API key format: `tnt_live_` + 22 base62 characters (128 random bits) + 6 base62 characters of CRC32 over the
// rest. The prefix lets secret scanners find leaked keys; the checksum refuses a mistyped or made-up key before any
// database lookup. Only the SHA-256 of the whole key is stored: the secret has 128 bits of entropy, so a fast hash
// is enough (no password hash, whose cost only matters for guessable secrets) and verifying costs microseconds.
import { createHash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

export const API_KEY_PREFIX = "tnt_live_";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_CHARS = 22; // 62^22 > 2^128
const CHECKSUM_CHARS = 6; // 62^6 > 2^32
const KEY_LENGTH = API_KEY_PREFIX.length + RANDOM_CHARS + CHECKSUM_CHARS;
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${RANDOM_CHARS + CHECKSUM_CHARS}}$`);

function base62(value: bigint, width: number): string {
  let out = "";
  let rest = value;
  while (rest > 0n) {
    out = ALPHABET.charAt(Number(rest % 62n)) + out;
    rest /= 62n;
  }
  return out.padStart(width, "0");
}

const checksum = (body: string): string => base62(BigInt(crc32(body)), CHECKSUM_CHARS);

/** A new key: the full secret (shown once) and what is stored of it. */
export function generateApiKey(): { secret: string; hash: Uint8Array<ArrayBuffer>; hint: string } {
  const random = base62(BigInt(`0x${randomBytes(16).toString("hex")}`), RANDOM_CHARS);
  const body = `${API_KEY_PREFIX}${random}`;
  const secret = `${body}${checksum(body)}`;
  return { secret, hash: hashApiKey(secret), hint: secret.slice(-4) };
}

/** Whether a bearer credential is meant as an API key (as opposed to an access token): by its prefix alone. */
export const looksLikeApiKey = (token: string): boolean => token.startsWith(API_KEY_PREFIX);

/** Format and checksum: false for anything we never issued (a typo, a truncated paste), without touching the DB. */
export function isWellFormedApiKey(token: string): boolean {
  if (token.length !== KEY_LENGTH || !KEY_PATTERN.test(token)) return false;
  const body = token.slice(0, -CHECKSUM_CHARS);
  return checksum(body) === token.slice(-CHECKSUM_CHARS);
}

export function hashApiKey(secret: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash("sha256").update(secret).digest());
}

export const displayHint = (hint: string): string => `${API_KEY_PREFIX}…${hint}`;
