// Validated auth configuration; the only place in this package that reads process.env.
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const env = createEnv({
  server: {
    // Signs session cookies. `pnpm dev` generates one into .data/ when unset; production must set it.
    AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
    AUTH_SESSION_MAX_AGE_SECONDS: z.coerce
      .number()
      .int()
      .min(300)
      .max(31_536_000)
      .default(2_592_000),
  },
  // eslint-disable-next-line no-restricted-syntax
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
