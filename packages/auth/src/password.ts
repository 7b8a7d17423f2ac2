// Password hashing with argon2id at OWASP's recommended minimum cost (m=19 MiB, t=2, p=1).
import { hash, verify } from "@node-rs/argon2";

export const ARGON2_OPTIONS = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

export async function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2 defaults to argon2id; the encoded hash records the algorithm and costs for verification.
  return hash(password, ARGON2_OPTIONS);
}

/** A real hash of a random value, so that a sign-in for an unknown email costs as much as a real one. */
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(
  passwordHash: string | null | undefined,
  password: string,
): Promise<boolean> {
  if (!passwordHash) {
    dummyHash ??= hashPassword(crypto.randomUUID());
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must not become a 500 on sign-in; it simply never matches.
    return false;
  }
}
