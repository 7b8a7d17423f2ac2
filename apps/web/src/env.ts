// Validated web configuration; the only place in the app that reads process.env.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

export const env = createEnv({
  // NODE_ENV is shared: client code (the tRPC logger) reads it too, inlined by Next at build time.
  shared: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  },
  server: {
    /** Port of the web server (server.ts). */
    PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
    /** Address the web server listens on (server.ts); unset = all interfaces. */
    HOST: z.string().max(255).optional(),
    /**
     * Which peers may report the client's address, scheme and host in X-Forwarded-* headers (server.ts parses it:
     * unset = none, a hop count, or a comma-separated list of proxy addresses / CIDR ranges).
     */
    TRUST_PROXY: z.string().max(2_000).optional(),
    /** Largest request body the API accepts, except attachment uploads (sized from ATTACHMENT_MAX_BYTES). */
    API_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1_024)
      .max(100 * 1024 * 1024)
      .default(1024 * 1024),
  },
  client: {},
  experimental__runtimeEnv: {
    // eslint-disable-next-line no-restricted-syntax
    NODE_ENV: process.env.NODE_ENV,
  },
  emptyStringAsUndefined: true,
});
