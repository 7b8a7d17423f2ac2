// Provisions one fresh, migrated database and an empty attachment directory for this package's run, and removes
// both afterwards.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

import { provisionTestDatabase } from "@tenantry/db/testing";

declare module "vitest" {
  export interface ProvidedContext {
    database: { adminUrl: string; appUrl: string; backend: "server" | "embedded" };
    attachmentsDir: string;
  }
}

export default async function setup(project: TestProject) {
  const attachmentsDir = await mkdtemp(path.join(tmpdir(), "tenantry-attachments-"));
  // Test workers are forked after global setup, so they inherit this and the API's env module reads it.
  // eslint-disable-next-line no-restricted-syntax
  process.env.ATTACHMENTS_DIR = attachmentsDir;
  const database = await provisionTestDatabase({ label: "api" });
  project.provide("database", {
    adminUrl: database.adminUrl,
    appUrl: database.appUrl,
    backend: database.backend,
  });
  project.provide("attachmentsDir", attachmentsDir);
  return async () => {
    await database.drop();
    await rm(attachmentsDir, { recursive: true, force: true });
  };
}
