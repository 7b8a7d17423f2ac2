// Runs before every page (not the API or static files): a fresh CSP nonce per request. Next.js reads the nonce from
// the request's Content-Security-Policy header and puts it on its own scripts; the root layout hands it to
// next-themes for its inline script.
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";

import { env as authEnv } from "@tenantry/auth/env";

import { env } from "~/env";
import { PAGE_OPEN_HEADER } from "~/server/page-open";
import { contentSecurityPolicy } from "~/server/security-headers";

// The OAuth buttons post to a server action that redirects to the provider, and form-action also governs redirects.
const formActions = [
  ...(authEnv.AUTH_GITHUB_ID && authEnv.AUTH_GITHUB_SECRET ? ["https://github.com"] : []),
  ...(authEnv.AUTH_GOOGLE_ID && authEnv.AUTH_GOOGLE_SECRET ? ["https://accounts.google.com"] : []),
];

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const policy = contentSecurityPolicy({
    nonce,
    dev: env.NODE_ENV === "development",
    // server.ts sets X-Forwarded-Proto from the socket or a trusted proxy only.
    https: request.headers.get("x-forwarded-proto") === "https",
    formActions,
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  headers.set(PAGE_OPEN_HEADER, "1");
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Not the API (whose bodies must not pass through here: the proxy buffers at most 10 MB of them) nor files.
      source: "/((?!api(?:/|$)|_next/static|_next/image|favicon\\.ico).*)",
      // Router prefetches render no HTML document that would carry the nonce.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
