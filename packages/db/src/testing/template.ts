// Migrated templates for throwaway test databases: replaying every migration through the WebAssembly schema engine
// costs seconds per database (and a fresh PGlite cluster seconds more to initialise), while copying a migrated
// template takes a fraction of one. A template is named after a fingerprint of the migrations, so a changed or
// added migration gets a template of its own and a stale one is never used; it is built once, by whichever test
// process needs it first, and only marked usable once complete, so a build that died half-way is never copied.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { cp, mkdir, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

import { startEmbeddedPostgres } from "../embedded.ts";
import { migrateDeploy, readMigrationsList } from "../migrate.ts";

/** Part of every fingerprint: bump it when the way templates are built changes, so old ones are left alone. */
const TEMPLATE_FORMAT = "1";
const SERVER_TEMPLATE_PREFIX = "tenantry_template_";
/** Serialises template builds across processes (advisory locks are per database: taken on the admin URL's). */
const BUILD_LOCK_KEY = "tenantry test template build";

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export async function withClient<T>(
  url: string,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function withDatabase(url: string, database: string, user?: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  if (user !== undefined) {
    parsed.username = encodeURIComponent(user);
    // The login role has no password: the test server is expected to trust local connections.
    parsed.password = "";
  }
  return parsed.toString();
}

/** The migrations by name and content, hashed: what a migrated template holds. */
async function migrationsFingerprint(extra: string): Promise<string> {
  const { migrationDirectories } = await readMigrationsList();
  const hash = createHash("sha256").update(`${TEMPLATE_FORMAT}\0${extra}\0`);
  for (const { path: name, migrationFile } of migrationDirectories) {
    hash.update(`${name}\0${migrationFile.content.tag}\0${migrationFile.content.value}\0`);
  }
  return hash.digest("hex").slice(0, 16);
}

export interface ServerTemplate {
  name: string;
  migrations: number;
}

const serverTemplates = new Map<string, Promise<ServerTemplate>>();

/**
 * The name of a migrated template database on the server behind `serverAdminUrl`, built if missing. Flagged
 * IS_TEMPLATE and closed to connections only once migrated: CREATE DATABASE ... TEMPLATE refuses a source that
 * anyone is connected to, and the flag is what tells a complete template from a build that crashed.
 */
export function serverTemplate(
  serverAdminUrl: string,
  log: (msg: string) => void,
): Promise<ServerTemplate> {
  let template = serverTemplates.get(serverAdminUrl);
  if (!template) {
    template = buildServerTemplate(serverAdminUrl, log);
    // A failed build (server down, broken migration) is retried by the next caller instead of cached.
    template.catch(() => serverTemplates.delete(serverAdminUrl));
    serverTemplates.set(serverAdminUrl, template);
  }
  return template;
}

async function buildServerTemplate(
  serverAdminUrl: string,
  log: (msg: string) => void,
): Promise<ServerTemplate> {
  const name = `${SERVER_TEMPLATE_PREFIX}${await migrationsFingerprint("server")}`;
  const migrations = (await readMigrationsList()).migrationDirectories.length;
  const isComplete = async (admin: pg.Client) => {
    const { rows } = await admin.query<{ datistemplate: boolean }>(
      "SELECT datistemplate FROM pg_database WHERE datname = $1",
      [name],
    );
    return rows[0]?.datistemplate;
  };
  return withClient(serverAdminUrl, async (admin) => {
    if ((await isComplete(admin)) === true) return { name, migrations };
    await admin.query("SELECT pg_advisory_lock(hashtext($1))", [BUILD_LOCK_KEY]);
    try {
      const state = await isComplete(admin);
      if (state === true) return { name, migrations };
      // Left half-built by a process that died: not flagged, so nothing ever copied it.
      if (state === false) await admin.query(`DROP DATABASE ${quoteIdent(name)} WITH (FORCE)`);
      const started = Date.now();
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
      const { applied } = await migrateDeploy(withDatabase(serverAdminUrl, name), { log });
      await admin.query(
        `ALTER DATABASE ${quoteIdent(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`,
      );
      log(
        `test template ${name}: applied ${applied.length} migration(s) in ${Date.now() - started} ms`,
      );
      return { name, migrations };
    } finally {
      await admin.query("SELECT pg_advisory_unlock(hashtext($1))", [BUILD_LOCK_KEY]);
    }
  });
}

/** PGlite's own version: a data directory from another version may not open. */
function pgliteVersion(): string {
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve("@electric-sql/pglite"));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === "@electric-sql/pglite" && manifest.version) return manifest.version;
    } catch {
      // No manifest at this level: keep walking up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

let embeddedTemplate: Promise<string> | undefined;

/**
 * A migrated, cleanly stopped PGlite data directory to copy, under the system's temporary directory. Built in a
 * directory of its own and renamed into place, so a directory at the final path is always complete; two processes
 * building at once both succeed and one keeps its copy.
 */
export function embeddedTemplateDir(log: (msg: string) => void): Promise<string> {
  embeddedTemplate ??= buildEmbeddedTemplate(log);
  embeddedTemplate.catch(() => (embeddedTemplate = undefined));
  return embeddedTemplate;
}

async function buildEmbeddedTemplate(log: (msg: string) => void): Promise<string> {
  const root = path.join(tmpdir(), "tenantry-test-templates");
  const finalDir = path.join(
    root,
    `pglite-${await migrationsFingerprint(`pglite ${pgliteVersion()}`)}`,
  );
  const exists = await stat(finalDir).then(
    () => true,
    () => false,
  );
  if (exists) return finalDir;
  await mkdir(root, { recursive: true });
  const buildDir = `${finalDir}.build-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    const started = Date.now();
    const server = await startEmbeddedPostgres({ dataDir: buildDir, log });
    try {
      const { applied } = await migrateDeploy(server.url, { log });
      log(
        `embedded test template: applied ${applied.length} migration(s) in ${Date.now() - started} ms`,
      );
    } finally {
      await server.stop();
    }
    await rename(buildDir, finalDir).catch((error: unknown) => {
      const code = error instanceof Error && "code" in error ? error.code : undefined;
      // Another process renamed its complete build into place first.
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
    });
    return finalDir;
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
}

/** Copies the embedded template into `dataDir` (which must not exist yet or be empty). */
export async function copyEmbeddedTemplate(templateDir: string, dataDir: string): Promise<void> {
  await cp(templateDir, dataDir, { recursive: true, errorOnExist: true, force: false });
}
