// Validated web configuration; the only place in the app that reads process.env.
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  },
  client: {},
  experimental__runtimeEnv: {
    // eslint-disable-next-line no-restricted-syntax
    NODE_ENV: process.env.NODE_ENV,
  },
  emptyStringAsUndefined: true,
});
