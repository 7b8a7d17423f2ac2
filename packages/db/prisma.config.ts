// Prisma CLI configuration (for users who have the native CLI: `prisma migrate deploy`, `prisma studio`).
// The project's own `pnpm db:migrate` uses the WebAssembly schema engine instead (scripts/migrate.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/seed.ts" },
  // env("DATABASE_URL") throws when unset, even for `generate`; an empty URL only fails commands that connect.
  // eslint-disable-next-line no-restricted-syntax
  datasource: { url: process.env.MIGRATE_DATABASE_URL ?? process.env.DATABASE_URL ?? "" },
});
