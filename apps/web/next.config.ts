import type { NextConfig } from "next";

import { HSTS_HEADER, SECURITY_HEADERS } from "./src/server/security-headers";

const config: NextConfig = {
  // Workspace packages ship TypeScript source (just-in-time packages); Next compiles them.
  transpilePackages: [
    "@tenantry/api",
    "@tenantry/auth",
    "@tenantry/core",
    "@tenantry/db",
    "@tenantry/validators",
  ],
  // Native and driver modules stay outside the bundle; so do prom-client and pino, so that the bundle and server.ts
  // share one metrics registry and one logger (packages/core/src/observability).
  serverExternalPackages: ["@node-rs/argon2", "pg", "@electric-sql/pglite", "prom-client", "pino"],
  poweredByHeader: false,
  // Every response, pages, API and files alike. The CSP of pages comes from src/proxy.ts (it needs a nonce).
  headers() {
    return Promise.resolve([
      { source: "/:path*", headers: SECURITY_HEADERS },
      {
        // server.ts leaves X-Forwarded-Proto as the socket's scheme or a trusted proxy's word, never a client's.
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [HSTS_HEADER],
      },
    ]);
  },
};

export default config;
