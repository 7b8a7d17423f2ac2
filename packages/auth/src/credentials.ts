// Checks email + password against the users table; shared by next-auth and (later) token login.
import type { Db } from "@tenantry/db";
import { ZSignInInput } from "@tenantry/validators";

import { verifyPassword } from "./password.ts";

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string;
}

export async function authenticateWithPassword(
  db: Db,
  raw: unknown,
): Promise<AuthenticatedUser | null> {
  const parsed = ZSignInInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // users is a global table (no tenant), so this runs outside a tenant transaction.
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, status: true },
  });
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok || user.status !== "ACTIVE") return null;
  return { id: user.id, email: user.email, name: user.name };
}
