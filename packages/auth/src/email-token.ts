// Single-use, expiring tokens sent by email (verification, password reset, email change). Only the SHA-256 is
// stored; issuing a new token of a purpose voids the user's older ones, and consuming is atomic (used once).
import type { AuthTokenPurpose, Db } from "@tenantry/db";

import { env } from "./env.ts";
import { generateSecretToken, hashSecretToken } from "./secret-token.ts";

export function emailTokenTtlSeconds(purpose: AuthTokenPurpose): number {
  return purpose === "RESET_PASSWORD"
    ? env.AUTH_RESET_TOKEN_TTL_SECONDS
    : env.AUTH_VERIFY_TOKEN_TTL_SECONDS;
}

export async function issueEmailToken(
  db: Db,
  input: {
    userId: string;
    purpose: AuthTokenPurpose;
    email: string;
    now?: Date;
    ttlSeconds?: number;
  },
): Promise<string> {
  const now = input.now ?? new Date();
  const token = generateSecretToken();
  await db.$transaction([
    db.authToken.updateMany({
      where: { userId: input.userId, purpose: input.purpose, usedAt: null },
      data: { usedAt: now },
    }),
    db.authToken.create({
      data: {
        userId: input.userId,
        purpose: input.purpose,
        email: input.email,
        tokenHash: hashSecretToken(token),
        createdAt: now,
        expiresAt: new Date(
          now.getTime() + (input.ttlSeconds ?? emailTokenTtlSeconds(input.purpose)) * 1000,
        ),
      },
      select: { id: true },
    }),
  ]);
  return token;
}

export interface ConsumedEmailToken {
  userId: string;
  email: string;
  purpose: AuthTokenPurpose;
}

/** Marks the token used and returns what it was for; null when unknown, of another purpose, used or expired. */
export async function consumeEmailToken(
  db: Pick<Db, "authToken">,
  purposes: readonly AuthTokenPurpose[],
  rawToken: string,
  now = new Date(),
): Promise<ConsumedEmailToken | null> {
  const row = await db.authToken.findUnique({
    where: { tokenHash: hashSecretToken(rawToken) },
    select: { id: true, userId: true, email: true, purpose: true, usedAt: true, expiresAt: true },
  });
  if (!row || row.usedAt || !purposes.includes(row.purpose)) return null;
  if (row.expiresAt.getTime() <= now.getTime()) return null;
  // Only one of two concurrent uses wins.
  const { count } = await db.authToken.updateMany({
    where: { id: row.id, usedAt: null },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  return { userId: row.userId, email: row.email, purpose: row.purpose };
}
