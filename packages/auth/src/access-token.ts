// Short-lived access tokens (JWT, HS256) for non-browser clients. The key is AUTH_JWT_SECRET, or else derived from
// AUTH_SECRET with HKDF so one secret configures both (and the cookie key never signs API tokens directly).
// A token names its session (`sid`): verifying the signature is not enough, the API also checks the session row.
import { hkdfSync, randomBytes } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";

import { env } from "./env.ts";

const ISSUER = "tenantry";
const AUDIENCE = "tenantry-api";
const TYPE = "at+jwt";

let key: Uint8Array | undefined;

function signingKey(): Uint8Array {
  if (key) return key;
  if (env.AUTH_JWT_SECRET) {
    key = new TextEncoder().encode(env.AUTH_JWT_SECRET);
  } else if (env.AUTH_SECRET) {
    key = new Uint8Array(
      hkdfSync("sha256", env.AUTH_SECRET, "tenantry", "tenantry access token v1", 32),
    );
  } else if (env.NODE_ENV === "production") {
    throw new Error("Set AUTH_SECRET (or AUTH_JWT_SECRET) to issue access tokens");
  } else {
    // Development and tests without a configured secret: tokens simply do not survive a restart.
    key = randomBytes(32);
  }
  return key;
}

export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
}

export function accessTokenTtlSeconds(): number {
  return env.AUTH_ACCESS_TOKEN_TTL_SECONDS;
}

export async function signAccessToken(
  claims: AccessTokenClaims,
  opts: { now?: Date; ttlSeconds?: number } = {},
): Promise<{ token: string; expiresIn: number }> {
  const ttl = Math.min(opts.ttlSeconds ?? accessTokenTtlSeconds(), 900);
  const iat = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const token = await new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: "HS256", typ: TYPE })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(claims.userId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .sign(signingKey());
  return { token, expiresIn: ttl };
}

/** The claims of a valid, unexpired access token; null for anything else (bad signature, expired, wrong type). */
export async function verifyAccessToken(
  token: string,
  opts: { now?: Date } = {},
): Promise<AccessTokenClaims | null> {
  if (token.length > 2_048) return null;
  try {
    const { payload } = await jwtVerify(token, signingKey(), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: TYPE,
      ...(opts.now ? { currentDate: opts.now } : {}),
    });
    const sid = payload.sid;
    if (typeof payload.sub !== "string" || typeof sid !== "string") return null;
    return { userId: payload.sub, sessionId: sid };
  } catch (error) {
    if (error instanceof errors.JOSEError) return null;
    throw error;
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}
