import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source (just-in-time packages); Next compiles them.
  transpilePackages: ["@tenantry/api", "@tenantry/auth", "@tenantry/db", "@tenantry/validators"],
  // Native and driver modules stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@electric-sql/pglite"],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: true }, // `pnpm typecheck` runs tsc once for the whole workspace
};

export default config;
