// Framework-free auth surface for the API and scripts; Next.js wiring lives in ./next.ts.
export { hashPassword, verifyPassword, ARGON2_OPTIONS } from "./password.ts";
export { authenticateWithPassword } from "./credentials.ts";
export type { AuthenticatedUser } from "./credentials.ts";

/** The signed-in identity the API trusts; produced by next-auth (web) or, later, a bearer token. */
export interface AuthSession {
  user: { id: string; email: string; name: string };
}
