// `pnpm admin:grant <email> [--create <name>] [--reason <text>]`: makes an account a platform admin (the bootstrap
// path: the console's admin.users.setPlatformRole needs an admin already). With --create, a missing account is created
// (verified, no organizations) with the password read from the first line of standard input. Connects as the
// database owner (MIGRATE_DATABASE_URL, else DATABASE_URL), like migrations and the seed: the application role may
// not write the platform audit entry this leaves, whose actor is "CLI".
import { parseArgs } from "node:util";

import { checkPasswordPolicy, hashPassword } from "@tenantry/auth";
import { grantPlatformAdminByEmail } from "@tenantry/core/admin/index";
import { createDb } from "@tenantry/db";
import { ZEmail, ZNewPassword, ZPersonName, ZReason } from "@tenantry/validators";

const USAGE = "usage: pnpm admin:grant <email> [--create <name>] [--reason <text>]";

function fail(message: string): never {
  console.error(`admin:grant: ${message}`);
  process.exit(1);
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) console.error("Password for the new account (then Enter):");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    if (Buffer.concat(chunks).includes("\n")) break;
  }
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { create: { type: "string" }, reason: { type: "string" }, help: { type: "boolean" } },
});
if (values.help || positionals.length !== 1) fail(USAGE);

const email = ZEmail.safeParse(positionals[0]);
if (!email.success) fail(`not an email address: ${positionals[0] ?? ""}`);
const reason = ZReason.safeParse(values.reason ?? "Granted with pnpm admin:grant");
if (!reason.success) fail(reason.error.issues[0]?.message ?? "invalid reason");

let create: { name: string; passwordHash: string } | undefined;
if (values.create !== undefined) {
  const name = ZPersonName.safeParse(values.create);
  if (!name.success) fail(name.error.issues[0]?.message ?? "invalid name");
  const password = ZNewPassword.safeParse(await readPassword());
  if (!password.success) fail(password.error.issues[0]?.message ?? "invalid password");
  const policy = checkPasswordPolicy(password.data, email.data);
  if (policy) fail(policy);
  create = { name: name.data, passwordHash: await hashPassword(password.data) };
}

// eslint-disable-next-line no-restricted-syntax -- a CLI, like packages/db/scripts/seed.ts
const url = [process.env.MIGRATE_DATABASE_URL, process.env.DATABASE_URL].find(Boolean);
if (!url) fail("set MIGRATE_DATABASE_URL (or DATABASE_URL) to the database owner's URL");

const db = createDb({ connectionString: url, poolMax: 1 });
let failure: string | null = null;
try {
  const result = await db.$transaction((tx) =>
    grantPlatformAdminByEmail(tx, { email: email.data, reason: reason.data, create }),
  );
  console.log(
    result.alreadyAdmin
      ? `admin:grant: ${email.data} is already a platform admin`
      : `admin:grant: ${email.data} is now a platform admin${result.created ? " (account created)" : ""}`,
  );
} catch (error) {
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : null;
  const text = error instanceof Error ? error.message : String(error);
  failure =
    code === "NOT_FOUND"
      ? `no account with the email ${email.data} (use --create <name>)`
      : /row-level security/i.test(text)
        ? "the database refused the audit entry: connect as the database owner (MIGRATE_DATABASE_URL), not the app role"
        : text;
} finally {
  await db.$disconnect();
}
if (failure) fail(failure);
