// Who is calling, as far as the request headers tell: client IP (for rate limits and session records) and user agent.

/**
 * The client's IP as the web server resolved it from the socket address and, only from trusted proxies, from
 * X-Forwarded-For (apps/web/src/server/forwarded.ts, configured by TRUST_PROXY). The server overwrites this header on
 * every request, so a value a client sends never reaches the app; X-Forwarded-For itself is never read here.
 */
export const CLIENT_IP_HEADER = "x-tenantry-client-ip";

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

/** The resolved client IP, or "" when the request did not come through the web server (in-process callers). */
export function clientIp(headers: Headers): string {
  return (headers.get(CLIENT_IP_HEADER) ?? "").trim().slice(0, 64);
}

export function clientInfo(headers: Headers): ClientInfo {
  return { ip: clientIp(headers), userAgent: (headers.get("user-agent") ?? "").slice(0, 512) };
}
