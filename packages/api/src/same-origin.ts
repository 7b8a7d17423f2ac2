// The CSRF rule of every state-changing API request (tRPC mutations, REST writes): a request the browser sends with
// the session cookie must come from this site. Browsers attach cookies to cross-site form posts (any content type
// a <form> can send, multipart included), so the Origin and Sec-Fetch-Site headers decide, not the content type.
// Requests authenticated by an Authorization bearer token are not at risk: no browser adds that header on its own.
// It lives beside the REST dispatcher so the web routes and the REST matrix tests apply the very same rule.
import { bearerToken } from "@tenantry/auth";
import { publicOrigins } from "@tenantry/auth/env";

import { isPublicRestRoute } from "./rest/dispatch.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestLike {
  method: string;
  headers: Headers;
}

/**
 * The request's own origin: scheme and host as the web server resolved them (server.ts keeps X-Forwarded-Proto and
 * -Host only from trusted proxies, so here they are the proxy's word or the socket's and the Host header's).
 */
export function ownOrigin(headers: Headers): string | null {
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (!host) return null;
  const proto = headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * Why a browser-credentialed request is not same-origin, or null when it is. Allowed: an Origin equal to the
 * request's own origin or to a configured public origin (APP_URL, AUTH_URL); a missing Origin only with
 * `Sec-Fetch-Site: same-origin`. Refused: any `Sec-Fetch-Site: cross-site`, `Origin: null` (sandboxed frames,
 * data: URLs, some redirects), a malformed or foreign Origin, and no Origin without that Sec-Fetch-Site.
 */
export function crossOriginReason(
  headers: Headers,
  allowedOrigins: readonly string[] = publicOrigins(),
): string | null {
  const site = headers.get("sec-fetch-site");
  if (site === "cross-site") return "Sec-Fetch-Site is cross-site";
  const origin = headers.get("origin");
  if (origin === null) {
    return site === "same-origin" ? null : "the request has no Origin header";
  }
  if (origin === "null") return "the request's Origin is null";
  let parsed: string;
  try {
    parsed = new URL(origin).origin;
  } catch {
    return "the request's Origin is malformed";
  }
  const own = ownOrigin(headers);
  if (parsed === own || allowedOrigins.includes(parsed)) return null;
  return `Origin ${parsed.slice(0, 100)} is not this site`;
}

/**
 * Why this request may not change state, or null. Only unsafe methods are checked (GETs change nothing and their
 * answers are unreadable cross-site without CORS, which the app never grants); a bearer-token request is allowed
 * because the cookie plays no part in it (an explicit token always wins, see packages/api/src/authenticate.ts).
 */
export function csrfRefusal(
  req: RequestLike,
  allowedOrigins: readonly string[] = publicOrigins(),
): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  if (bearerToken(req.headers.get("authorization"))) return null;
  const reason = crossOriginReason(req.headers, allowedOrigins);
  return reason && `Cross-site requests are not allowed: ${reason}`;
}

/**
 * The rule for an /api/v1 request (what every REST route file applies before dispatching): public routes (token
 * login, sign-up) read no cookie, so nothing for a cross-site request to ride on; every other write follows csrfRefusal.
 */
export function restCsrfRefusal(
  req: RequestLike & { url: string },
  allowedOrigins: readonly string[] = publicOrigins(),
): string | null {
  return isPublicRestRoute(req.method, new URL(req.url).pathname)
    ? null
    : csrfRefusal(req, allowedOrigins);
}
