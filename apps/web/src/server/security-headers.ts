// The security headers of the app. The static ones go on every response (next.config.ts); the Content-Security-
// Policy carries a fresh nonce per page and is set by src/proxy.ts, where Next.js picks the nonce up for its scripts.

/** Sent on every response. HSTS only over HTTPS (a header next.config.ts matches on X-Forwarded-Proto). */
export const SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Full URLs (which name organizations and tasks) only to this site; other sites see nothing.
  { key: "Referrer-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value:
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), browsing-topics=()",
  },
];

export const HSTS_HEADER = {
  key: "Strict-Transport-Security",
  value: "max-age=31536000; includeSubDomains",
};

export interface CspOptions {
  nonce: string;
  /** Development: React Refresh and the dev overlay evaluate code, so 'unsafe-eval' is allowed there only. */
  dev: boolean;
  https: boolean;
  /** Origins a form may submit (or redirect) to besides this site: the configured OAuth providers. */
  formActions?: readonly string[];
}

/**
 * Scripts run only with this response's nonce ('strict-dynamic' lets them load Next.js's chunks); no inline script
 * or handler without it. Styles may be inline: the UI's components position themselves with style attributes.
 */
export function contentSecurityPolicy(options: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    ["form-action 'self'", ...(options.formActions ?? [])].join(" "),
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
