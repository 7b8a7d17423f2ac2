// The global setup of vitest.pgbouncer.config.ts: the same database, reached through PgBouncer.
import type { TestProject } from "vitest/node";

import { provideTestEnvironment } from "@tenantry/core/testing/global-setup";

export default function setup(project: TestProject) {
  return provideTestEnvironment(project, "api-pgbouncer", { throughPgBouncer: true });
}
