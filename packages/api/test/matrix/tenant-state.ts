// What "an organization's rows are unchanged" and "the database is consistent" mean for the matrices, read over the
// privileged connection (it bypasses RLS, so nothing the application role could hide escapes the comparison).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { World } from "./factory.ts";
import { admin } from "../fixtures.ts";

let catalogTables: Promise<string[]> | undefined;

/**
 * Every table with an organization_id column, from the catalog. Read once per test file: the migrated schema does not
 * change during a run, and the matrices digest an organization a thousand times.
 */
export function tenantTables(): Promise<string[]> {
  catalogTables ??= admin
    .query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped
       WHERE c.relkind = 'r' ORDER BY 1`,
    )
    .then(({ rows }) => rows.map((r) => r.table));
  catalogTables.catch(() => (catalogTables = undefined));
  return catalogTables;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The models of the Prisma schema that carry organizationId, as their table names (@@map). */
export async function tenantModelsOfSchema(): Promise<{ model: string; table: string }[]> {
  const dir = fileURLToPath(new URL("../../../db/prisma/schema/", import.meta.url));
  const files = (await readdir(dir)).filter((f) => f.endsWith(".prisma"));
  const models: { model: string; table: string }[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), "utf8");
    for (const match of text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
      const [, model = "", body = ""] = match;
      if (!/^\s+organizationId\s/m.test(body)) continue;
      const table = /@@map\("([^"]+)"\)/.exec(body)?.[1] ?? model;
      models.push({ model, table });
    }
  }
  return models.sort((a, b) => a.table.localeCompare(b.table));
}

/**
 * A digest per table of the organization's rows (plus its organizations row and its members' users rows), so a
 * difference names the table it happened in.
 */
export async function tenantDigest(world: World): Promise<Record<string, string>> {
  const agg = `coalesce(md5(string_agg(row_to_json(t)::text, '|' ORDER BY row_to_json(t)::text)), 'empty')`;
  // One statement for all tables (the same per-table aggregates as one query each would compute): a digest is taken
  // before and after every matrix call, so round trips add up.
  const parts = (await tenantTables()).map(
    (table) =>
      `SELECT ${quoteLiteral(table)}::text AS name, (SELECT ${agg} FROM ${quoteIdent(table)} t WHERE organization_id = $1) AS h`,
  );
  parts.push(`SELECT 'organizations', (SELECT ${agg} FROM organizations t WHERE id = $1)`);
  parts.push(
    `SELECT 'users', (SELECT ${agg} FROM (SELECT id, email, name, password_hash, status, platform_role,
                                                email_verified
                                         FROM users WHERE id = ANY($2::uuid[])) t)`,
  );
  const { rows } = await admin.query<{ name: string; h: string | null }>(
    parts.join("\nUNION ALL\n"),
    [world.org.id, Object.values(world.members).map((m) => m.user.id)],
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.h ?? ""]));
}

/** Rows per tenant table of one organization. */
export async function rowCounts(organizationId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tenantTables()) {
    const { rows } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE organization_id = $1`,
      [organizationId],
    );
    counts[table] = rows[0]?.n ?? 0;
  }
  return counts;
}

interface ForeignKey {
  child: string;
  parent: string;
  childColumns: string[];
  parentColumns: string[];
}

/**
 * Child rows whose parent (joined on the key's columns other than organization_id) belongs to another organization.
 * The composite foreign keys should make this impossible; this proves it on the data the tests produced.
 */
export async function crossTenantReferences(): Promise<string[]> {
  const { rows } = await admin.query<ForeignKey>(`
    SELECT src.relname AS child, dst.relname AS parent,
           array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS "childColumns",
           array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i) AS "parentColumns"
    FROM pg_constraint con
    JOIN pg_class src ON src.oid = con.conrelid
    JOIN pg_class dst ON dst.oid = con.confrelid
    WHERE con.contype = 'f'
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = src.oid AND a.attname = 'organization_id')
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = dst.oid AND a.attname = 'organization_id')`);
  const problems: string[] = [];
  for (const fk of rows) {
    const pairs = fk.childColumns
      .map((column, i) => [column, fk.parentColumns[i] ?? ""] as const)
      .filter(([column]) => column !== "organization_id");
    if (pairs.length === 0) continue;
    const on = pairs.map(([c, p]) => `c.${c} = p.${p}`).join(" AND ");
    const { rows: found } = await admin.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${fk.child} c JOIN ${fk.parent} p ON ${on}
       WHERE c.organization_id IS DISTINCT FROM p.organization_id`,
    );
    if ((found[0]?.n ?? 0) > 0) problems.push(`${fk.child} -> ${fk.parent}: ${found[0]?.n} row(s)`);
  }
  return problems;
}
