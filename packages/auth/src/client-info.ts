// Who is calling, as far as the request headers tell: client IP (for rate limits) and user agent (for sessions).

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

/**
 * The client IP from X-Forwarded-For, last entry. A reverse proxy appends the peer address it saw, so the last entry
 * is the one a client cannot forge. `next start` alone only fills the header when it is absent (the socket address),
 * so without a proxy a client can pick its own "IP": deploy behind one (docker-compose does). The per-account
 * limit and the account lock do not depend on the IP.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
  const ip = last ?? headers.get("x-real-ip") ?? "";
  return ip.slice(0, 64);
}

export function clientInfo(headers: Headers): ClientInfo {
  return { ip: clientIp(headers), userAgent: (headers.get("user-agent") ?? "").slice(0, 512) };
}
