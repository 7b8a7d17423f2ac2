// Provisions one fresh, migrated database and an empty attachment directory for a package's test run, and removes
// both afterwards. Each package's vitest global setup calls this with its own label (core here, api there). With
// `throughPgBouncer`, the code under test reaches the database through a PgBouncer in transaction pooling mode
// (packages/api/vitest.pgbouncer.config.ts); fixtures keep their direct privileged connection.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

import { provisionTestDatabase, startPgBouncer } from "@tenantry/db/testing";

declare module "vitest" {
  export interface ProvidedContext {
    database: { adminUrl: string; appUrl: string; backend: "server" | "embedded" };
    attachmentsDir: string;
  }
}

export async function provideTestEnvironment(
  project: TestProject,
  label: string,
  opts: { throughPgBouncer?: boolean } = {},
) {
  const attachmentsDir = await mkdtemp(path.join(tmpdir(), "tenantry-attachments-"));
  // Test workers are forked after global setup, so they inherit this and the core's env module reads it.
  // eslint-disable-next-line no-restricted-syntax
  process.env.ATTACHMENTS_DIR = attachmentsDir;
  const database = await provisionTestDatabase({ label });
  // The platform admin's jobs view opens its own queue client (pg-boss creates its schema: a privileged login).
  // eslint-disable-next-line no-restricted-syntax
  process.env.JOBS_DATABASE_URL = database.adminUrl;
  // Three server connections for two workers of four clients each: tenants of parallel tests share them.
  const bouncer = opts.throughPgBouncer
    ? await startPgBouncer({ serverUrl: database.adminUrl, users: [database.appRole], poolSize: 3 })
    : undefined;
  project.provide("database", {
    adminUrl: database.adminUrl,
    appUrl: bouncer ? bouncer.url(database.appUrl) : database.appUrl,
    backend: database.backend,
  });
  project.provide("attachmentsDir", attachmentsDir);
  return async () => {
    await bouncer?.stop();
    await database.drop();
    await rm(attachmentsDir, { recursive: true, force: true });
  };
}

export default function setup(project: TestProject) {
  return provideTestEnvironment(project, "core");
}
