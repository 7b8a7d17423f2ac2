// Migration CLI on the WebAssembly schema engine: `deploy` (= prisma migrate deploy), `new <name>` (= prisma migrate
// dev --create-only, without touching any database) and `check` (exit 1 when schema.prisma and the migrations differ).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import {
  diffSchemaToMigrations,
  LOCKFILE_CONTENT,
  migrateDeploy,
  migrationsDir,
} from "../src/migrate.ts";

const USAGE = "usage: tsx scripts/migrate.ts deploy | new <name> | check";

/** Same shape as the Prisma CLI's slug (`addUsers` → `add_users`), capped at Prisma's 200 characters. */
function slug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z\d])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
}

/** UTC YYYYMMDDHHMMSS, as the engine names migration folders. */
function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

async function deploy(): Promise<void> {
  // An empty variable counts as unset.
  // eslint-disable-next-line no-restricted-syntax
  const url = [process.env.MIGRATE_DATABASE_URL, process.env.DATABASE_URL].find(Boolean);
  if (!url) throw new Error("Set MIGRATE_DATABASE_URL or DATABASE_URL to the database to migrate.");
  const { applied } = await migrateDeploy(url);
  if (applied.length === 0) console.log("No pending migrations.");
  else
    console.log(
      `Applied ${applied.length} migration(s):\n${applied.map((name) => `  ${name}`).join("\n")}`,
    );
}

async function create(rawName: string | undefined): Promise<void> {
  const name = slug(rawName ?? "");
  if (!name) throw new Error(`A migration name is required.\n${USAGE}`);
  const sql = await diffSchemaToMigrations();
  if (!sql.trim()) {
    console.log("no changes: prisma/migrations already matches prisma/schema/");
    return;
  }
  await mkdir(migrationsDir, { recursive: true });
  // The engine refuses to apply migrations without a lockfile, so the first migration creates it.
  const lockfile = path.join(migrationsDir, "migration_lock.toml");
  const existing = await readFile(lockfile, "utf8").catch(() => null);
  if (existing === null) await writeFile(lockfile, LOCKFILE_CONTENT);
  const dir = path.join(migrationsDir, `${timestamp()}_${name}`);
  await mkdir(dir);
  await writeFile(path.join(dir, "migration.sql"), sql);
  console.log(`Created ${path.relative(process.cwd(), path.join(dir, "migration.sql"))}`);
}

async function check(): Promise<void> {
  const sql = await diffSchemaToMigrations();
  if (sql.trim()) {
    console.error(
      `prisma/schema/ and prisma/migrations differ; run \`pnpm db:migrate:new <name>\`. Missing SQL:\n\n${sql}`,
    );
    process.exitCode = 1;
    return;
  }
  console.log("prisma/migrations matches prisma/schema/");
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  switch (command) {
    case "deploy":
      return deploy();
    case "new":
      return create(rest[0]);
    case "check":
      return check();
    default:
      throw new Error(USAGE);
  }
}

// The wasm engine and PGlite keep handles open after their work is done, so the process is ended explicitly.
main(process.argv.slice(2)).then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
