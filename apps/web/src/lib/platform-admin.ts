import "server-only";

import { getAccount } from "~/trpc/server";

/**
 * Whether the signed-in user holds the platform-admin role, to decide if the "Admin console" link shows (the
 * console's procedures check the role themselves on every call).
 */
export async function isPlatformAdmin(): Promise<boolean> {
  const me = await getAccount();
  return me.platformRole === "ADMIN";
}
