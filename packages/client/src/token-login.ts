// Email + password → access and refresh tokens (POST /api/auth/token), and refreshing them: the non-tRPC part of
// signing in a programmatic client.
import { TenantryError } from "./errors.ts";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

async function post(
  baseUrl: string,
  path: string,
  body: unknown,
  f: typeof fetch,
): Promise<TokenPair> {
  const response = await f(`${baseUrl.replace(/\/+$/, "")}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  }).catch((error: unknown) => {
    throw new TenantryError("NETWORK_ERROR", String(error), {}, null, null, { cause: error });
  });
  const json = (await response.json().catch(() => ({}))) as Partial<TokenPair> & {
    error?: string;
    message?: string;
  };
  if (!response.ok || !json.accessToken || !json.refreshToken) {
    const code =
      response.status === 401
        ? "UNAUTHORIZED"
        : response.status === 429
          ? "TOO_MANY_REQUESTS"
          : "BAD_REQUEST";
    throw new TenantryError(
      code,
      json.message ?? `Sign-in failed (${response.status})`,
      {},
      null,
      response.status,
    );
  }
  return { accessToken: json.accessToken, refreshToken: json.refreshToken };
}

export function tokenLogin(
  baseUrl: string,
  credentials: { email: string; password: string },
  f: typeof fetch = fetch,
): Promise<TokenPair> {
  return post(baseUrl, "/api/auth/token", credentials, f);
}

export function tokenRefresh(
  baseUrl: string,
  refreshToken: string,
  f: typeof fetch = fetch,
): Promise<TokenPair> {
  return post(baseUrl, "/api/auth/token/refresh", { refreshToken }, f);
}
