// Signs an API request context in through next-auth's own endpoints (CSRF token + credentials callback).
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "@playwright/test";

// Credentials printed by `pnpm db:seed` (packages/db/scripts/seed.ts).
export const DEMO = { email: "demo@tenantry.dev", password: "tenantry-demo-password" };

export async function signInApi(request: APIRequestContext, user = DEMO): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password: user.password },
    maxRedirects: 0,
  });
  expect(res.status()).toBe(302);
  const session = (await (await request.get("/api/auth/session")).json()) as {
    user?: { email?: string };
  };
  expect(session.user?.email).toBe(user.email);
}

/**
 * The Origin a browser sends with a same-origin request. A cookie-authenticated write (tRPC mutation, REST upload)
 * without one is refused as possibly cross-site, so specs calling the API with a signed-in context send it too.
 */
export function sameOrigin(): { origin: string } {
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error("the Playwright config sets no baseURL");
  return { origin: new URL(baseURL).origin };
}
