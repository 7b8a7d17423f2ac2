// The API's tenant-isolation tests again, with the code under test connected through PgBouncer in transaction
// pooling mode (the production scale-out shape, docs/scaling.md): proves that no tenant, user or role setting
// survives on a server connection that the next transaction — another test's tenant — gets. A focused subset, not
// the whole suite twice: the tests that assert who sees what across organizations, through the full middleware.
import { defineConfig } from "vitest/config";

// PgBouncer needs a PostgreSQL server; the embedded PGlite fallback of a machine with Node.js only has none.
// A config file runs before any env module could: it reads the same variables the db package's testing module does.
const hasServer = [
  // eslint-disable-next-line no-restricted-syntax
  process.env.TEST_DATABASE_ADMIN_URL,
  // eslint-disable-next-line no-restricted-syntax
  process.env.DATABASE_URL,
].some(Boolean);
if (!hasServer) {
  console.log(
    "pgbouncer suite: no PostgreSQL server configured (TEST_DATABASE_ADMIN_URL), nothing to pool",
  );
}

export default defineConfig({
  test: {
    include: hasServer
      ? [
          "src/router/project/project.test.ts",
          "src/router/nested-visibility.test.ts",
          "src/router/member/member.test.ts",
          "src/router/role/role.test.ts",
          "src/router/organization/active-organization.test.ts",
        ]
      : [],
    passWithNoTests: !hasServer,
    globalSetup: hasServer ? ["./test/global-setup-pgbouncer.ts"] : [],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
