// Throwaway, migrated test databases for Vitest globalSetup and e2e: a fresh database plus an unprivileged login
// role on a PostgreSQL server when one is configured, otherwise an embedded PGlite in a temporary directory. Both
// are copies of a migrated template (template.ts), built once per set of migrations.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { startEmbeddedPostgres } from "../embedded.ts";
import {
  copyEmbeddedTemplate,
  embeddedTemplateDir,
  quoteIdent,
  serverTemplate,
  withClient,
  withDatabase,
} from "./template.ts";

export { startDatabaseProxy } from "./database-proxy.ts";
export type { DatabaseProxy, DatabaseProxyMode } from "./database-proxy.ts";
export { findPgBouncer, startPgBouncer } from "./pgbouncer.ts";
export type { PgBouncer, PgBouncerOptions } from "./pgbouncer.ts";

// The only place this module reads the environment; an empty variable counts as unset.
const ENV_ADMIN_URL: string | undefined =
  // eslint-disable-next-line no-restricted-syntax
  [process.env.TEST_DATABASE_ADMIN_URL, process.env.DATABASE_URL].find(Boolean);

/** The group role the first migration creates; RLS is written for its members. */
export const APP_GROUP_ROLE = "tenantry_app";

export interface ProvisionOptions {
  /** Readable part of the database name (e.g. the package under test). */
  label?: string;
  /** "server" needs an admin URL, "embedded" ignores it, undefined picks "server" when an admin URL is known. */
  backend?: "server" | "embedded";
  /** Superuser (or CREATEDB + CREATEROLE) URL; defaults to TEST_DATABASE_ADMIN_URL, then DATABASE_URL. */
  adminUrl?: string;
  log?: (msg: string) => void;
}

export interface TestDatabase {
  backend: "server" | "embedded";
  /** Privileged connection to the test database (fixtures, inspection); bypasses RLS. */
  adminUrl: string;
  /** Connection the code under test should use: a login role that is subject to RLS (see `backend` notes). */
  appUrl: string;
  databaseName: string;
  /** The role appUrl logs in as. */
  appRole: string;
  /** Runs SQL on adminUrl, for callers without a driver of their own (e2e specs changing grants, say). */
  exec(sql: string): Promise<void>;
  /** Terminates connections and removes the database and role (server) or the whole embedded cluster. */
  drop(): Promise<void>;
}

function randomSuffix(): string {
  return randomBytes(5).toString("hex");
}

/** Lower-case identifier characters only, so names never need quoting beyond the safety of quoteIdent. */
function sanitizeLabel(label: string | undefined): string {
  const clean = (label ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return (clean || "db").slice(0, 30);
}

async function provisionOnServer(
  serverAdminUrl: string,
  label: string,
  log: (msg: string) => void,
) {
  const suffix = randomSuffix();
  const databaseName = `tenantry_test_${label}_${suffix}`;
  const appRole = `tenantry_t_${suffix}`;
  const adminUrl = withDatabase(serverAdminUrl, databaseName);
  const appUrl = withDatabase(serverAdminUrl, databaseName, appRole);

  // Runs on the admin URL's own (maintenance) database, since a database cannot be dropped from inside itself.
  const drop = () =>
    withClient(serverAdminUrl, async (admin) => {
      // A pool that was just ended has sent Terminate, but its client only lets go of its error listener once the
      // socket closes: terminating the backend before that raises an unhandled 57P01 in the test process. Give
      // closing sessions a moment to leave by themselves; only what is still there afterwards is terminated.
      for (let wait = 0; wait < 10; wait++) {
        const { rows } = await admin.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [databaseName],
        );
        if ((rows[0]?.n ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [databaseName],
      );
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(databaseName)} WITH (FORCE)`);
      // The role's privileges lived in the dropped database and its membership goes with it, so nothing blocks this.
      await admin.query(`DROP ROLE IF EXISTS ${quoteIdent(appRole)}`);
    });

  try {
    // A copy of the migrated template: a fraction of a second, where replaying the migrations takes seconds.
    const template = await serverTemplate(serverAdminUrl, log);
    await withClient(serverAdminUrl, (admin) =>
      admin.query(
        `CREATE DATABASE ${quoteIdent(databaseName)} TEMPLATE ${quoteIdent(template.name)}`,
      ),
    );
    log(
      `test database ${databaseName}: ${template.migrations} migration(s), from ${template.name}`,
    );

    await withClient(adminUrl, async (admin) => {
      await admin.query(
        `CREATE ROLE ${quoteIdent(appRole)} LOGIN INHERIT NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION`,
      );
      // Membership lets the code under test `SET LOCAL ROLE tenantry_app` exactly as in production.
      await admin.query(`GRANT ${quoteIdent(APP_GROUP_ROLE)} TO ${quoteIdent(appRole)}`);
      // Direct grants mirroring tenantry_app's, so the login role can work without switching roles too. Mirrored
      // from the catalog rather than granted wholesale: whatever the migrations withhold from tenantry_app
      // (`_prisma_migrations`, or e.g. DELETE on an append-only table) stays withheld here.
      const grants = await admin.query<{ statement: string }>(
        `SELECT format('GRANT %s ON TABLE %I.%I TO %I', string_agg(p.privilege, ', '), n.nspname, c.relname, $2::text)
           AS statement
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS p(privilege)
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
           AND has_table_privilege($1::text, c.oid, p.privilege)
         GROUP BY n.nspname, c.relname
         UNION ALL
         SELECT format('GRANT %s ON SEQUENCE %I.%I TO %I', string_agg(p.privilege, ', '), n.nspname, c.relname, $2::text)
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         CROSS JOIN unnest(ARRAY['USAGE', 'SELECT', 'UPDATE']) AS p(privilege)
         WHERE n.nspname = 'public' AND c.relkind = 'S'
           AND has_sequence_privilege($1::text, c.oid, p.privilege)
         GROUP BY n.nspname, c.relname`,
        [APP_GROUP_ROLE, appRole],
      );
      await admin.query(`GRANT USAGE ON SCHEMA public TO ${quoteIdent(appRole)}`);
      for (const { statement } of grants.rows) await admin.query(statement);
    });
  } catch (error) {
    await drop().catch((dropError: unknown) =>
      log(`cleanup of ${databaseName} failed: ${String(dropError)}`),
    );
    throw error;
  }

  const exec = (sql: string) => withClient(adminUrl, async (c) => void (await c.query(sql)));
  return { backend: "server" as const, adminUrl, appUrl, databaseName, appRole, exec, drop };
}

async function provisionEmbedded(label: string, log: (msg: string) => void): Promise<TestDatabase> {
  // A copy of a migrated cluster reopens in under a second; a new one takes seconds to initialise and migrate.
  const templateDir = await embeddedTemplateDir(log);
  const dataDir = await mkdtemp(path.join(tmpdir(), `tenantry-test-${label}-`));
  const removeDir = () => rm(dataDir, { recursive: true, force: true });
  let server: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  try {
    await copyEmbeddedTemplate(templateDir, dataDir);
    server = await startEmbeddedPostgres({ dataDir, log });
  } catch (error) {
    await removeDir();
    throw error;
  }
  // PGlite has a single superuser session whatever the URL names, and superusers bypass RLS: here RLS holds only
  // inside tenant transactions, which `SET LOCAL ROLE tenantry_app` (withTenantTransaction does this). Tests that
  // must prove RLS on a plain connection need the server backend.
  return {
    backend: "embedded",
    adminUrl: server.url,
    appUrl: server.url,
    databaseName: "postgres",
    appRole: "postgres",
    exec: (sql) => withClient(server.url, async (c) => void (await c.query(sql))),
    drop: () => server.stop().finally(removeDir),
  };
}

/**
 * The backends a suite can run against here: always the embedded one, and the server when an admin URL is
 * configured. For tests whose subject behaves differently on each (e.g. PGlite enforces no statement_timeout).
 */
export function availableBackends(): TestDatabase["backend"][] {
  return ENV_ADMIN_URL ? ["server", "embedded"] : ["embedded"];
}

export async function provisionTestDatabase(opts: ProvisionOptions = {}): Promise<TestDatabase> {
  const log = opts.log ?? (() => undefined);
  const label = sanitizeLabel(opts.label);
  const serverAdminUrl = opts.adminUrl ?? ENV_ADMIN_URL;
  const backend = opts.backend ?? (serverAdminUrl ? "server" : "embedded");
  if (backend === "embedded") return provisionEmbedded(label, log);
  if (!serverAdminUrl) {
    throw new Error(
      "provisionTestDatabase: the server backend needs TEST_DATABASE_ADMIN_URL or DATABASE_URL",
    );
  }
  return provisionOnServer(serverAdminUrl, label, log);
}
