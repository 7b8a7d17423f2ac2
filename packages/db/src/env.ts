// Validated database configuration; the only place in this package that reads process.env.
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const env = createEnv({
  server: {
    DATABASE_URL: z.url().optional(),
    DATABASE_POOL_MAX: int(10, 1, 200),
    DATABASE_CONNECT_TIMEOUT_MS: int(5_000, 100, 120_000),
    DATABASE_IDLE_TIMEOUT_MS: int(30_000, 1_000, 3_600_000),
    DATABASE_STATEMENT_TIMEOUT_MS: int(15_000, 100, 600_000),
    /** Client-side bound of one query when the server does not answer at all; default statement timeout + 1 s. */
    DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).optional(),
    DATABASE_TRANSACTION_TIMEOUT_MS: int(10_000, 100, 600_000),
    DATABASE_TRANSACTION_MAX_WAIT_MS: int(5_000, 100, 120_000),
    DATABASE_APP_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "a plain lower-case PostgreSQL role name")
      .default("tenantry_app"),
  },
  // eslint-disable-next-line no-restricted-syntax
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
