// The tenant transaction: every tenant-scoped query runs inside one interactive transaction whose local settings
// (app.user_id, app.org_id, app.role) drive the row-level security policies of the migrations.
import type { Db } from "./client.ts";
import { transactionLimits } from "./client.ts";
import { env } from "./env.ts";
import { Prisma } from "./generated/prisma/client.ts";
import { settingsSql, withPrelude } from "./transaction-prelude.ts";

export type TenantDb = Prisma.TransactionClient;

export interface TenantScope {
  userId: string;
  organizationId?: string;
  role?: string;
}

/** Sets the organization (and the member's role) for the rest of an open tenant transaction. */
export async function setTenant(
  tx: TenantDb,
  scope: { organizationId: string; role: string },
): Promise<void> {
  // is_local=true: the settings end with the transaction, so a pooled connection never carries a tenant over.
  await tx.$queryRaw`SELECT set_config('app.org_id', ${scope.organizationId}, true),
                            set_config('app.role', ${scope.role}, true)`;
}

/**
 * Runs `fn` in one transaction as the application role with the user (and optionally organization) set.
 * Switching to the application role matters when the connection is privileged (the embedded PGlite always
 * connects as superuser, and superusers bypass RLS): inside this transaction RLS applies whatever the login.
 */
export async function withTenantTransaction<T>(
  db: Db,
  scope: TenantScope,
  fn: (tx: TenantDb) => Promise<T>,
): Promise<T> {
  // Nothing of the transaction may outlive it, since outside it neither the role nor the tenant is set. PostgreSQL
  // cancels a stalled statement a little before Prisma's timeout rolls the transaction back, so it fails inside;
  // and it ends a session left idle in the transaction for the whole budget. Statements sent after the end never
  // reach a connection (transaction-guard.ts). PGlite enforces neither timeout: there the guard alone holds.
  const limits = transactionLimits(db);
  const statementMs = Math.min(limits.statementTimeoutMs, Math.floor(limits.timeoutMs * 0.9));
  const settings: [string, string][] = [
    ["role", env.DATABASE_APP_ROLE],
    ["app.user_id", scope.userId],
    ["statement_timeout", String(statementMs)],
    ["idle_in_transaction_session_timeout", String(limits.timeoutMs)],
  ];
  if (scope.organizationId) {
    settings.push(["app.org_id", scope.organizationId], ["app.role", scope.role ?? ""]);
  }
  // The settings go out with the transaction's BEGIN when they can (transaction-prelude.ts); otherwise they are
  // this transaction's first statement. Either way they are in force before `fn` reads anything.
  return withPrelude(settingsSql(settings), (taken) =>
    db.$transaction(async (tx) => {
      if (!taken()) {
        const calls = settings.map(
          ([name, value]) => Prisma.sql`set_config(${name}, ${value}, true)`,
        );
        await tx.$queryRaw`SELECT ${Prisma.join(calls)}`;
      }
      return fn(tx);
    }),
  );
}
