// The relay: moves committed outbox rows (job_outbox, and mail waiting for SMTP) into the queue. A row is removed
// (or marked enqueued) in the same transaction that reads it, and that transaction commits only after the queue
// accepted the job; the queue job's id is the row's id, so a row relayed again after a crash between the two is
// stored once (pg-boss inserts ON CONFLICT DO NOTHING). Several relays run at once: SKIP LOCKED splits the rows.
//
// On the embedded default (PGlite, `pnpm dev`/`pnpm start` without DATABASE_URL) the queue's own connection cannot
// write while the relay's transaction is open: PGlite has one backend, and its socket server serves only the
// connection holding a transaction. There (`throughTransaction`) the relay hands pg-boss its transaction's
// connection instead, so the job insert and the outbox row's removal are one commit. That needs a connection that
// may write the queue's schema: PGlite's sessions are all the superuser, so the tenant role is dropped for it.
import type PgBoss from "pg-boss";

import type { Db, TenantDb } from "@tenantry/db";
import { withTenantTransaction } from "@tenantry/db";

import type { JobDefinition, TenantJob } from "./registry.ts";
import { DEFAULT_RETRY } from "./registry.ts";

export const MAIL_JOB = "mail.send";
export const MAIL_RETRY = { retryLimit: 10, retryDelay: 30, retryBackoff: true };

const BATCH = 50;

interface OutboxRow {
  id: string;
  organization_id: string;
  name: string;
  actor: TenantJob["actor"];
  data: Record<string, unknown>;
  start_after: Date | null;
}

/** pg-boss's executor over a transaction (its SQL uses $1.. placeholders, as Prisma's raw queries do). */
async function throughTx(tx: TenantDb): Promise<{ db: PgBoss.Db }> {
  await tx.$queryRaw`SELECT set_config('role', 'none', true)`;
  return {
    db: {
      executeSql: async (text: string, values: unknown[]) => ({
        rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values),
      }),
    },
  };
}

/** Relays up to one batch of each kind; returns how many rows went into the queue. */
export async function relayOnce(
  db: Db,
  boss: PgBoss,
  definitions: ReadonlyMap<string, JobDefinition>,
  opts: { throughTransaction?: boolean } = {},
): Promise<number> {
  // The outbox is read through a SECURITY DEFINER function (job_outbox_take), the relay's only cross-tenant step.
  const jobs = await withTenantTransaction(db, { userId: "" }, async (tx) => {
    const rows = await tx.$queryRaw<OutboxRow[]>`SELECT * FROM job_outbox_take(${BATCH}::int)`;
    const connection = opts.throughTransaction && rows.length > 0 ? await throughTx(tx) : {};
    for (const row of rows) {
      const job: TenantJob = {
        id: row.id,
        organizationId: row.organization_id,
        actor: row.actor,
        data: row.data,
      };
      const retry = definitions.get(row.name)?.retry ?? DEFAULT_RETRY;
      // An unknown name throws (no such queue): the batch rolls back and waits for a worker that knows it.
      await boss.send(row.name, job, {
        id: row.id,
        ...retry,
        ...(row.start_after ? { startAfter: row.start_after } : {}),
        ...connection,
      });
    }
    return rows.length;
  });
  const mails = await withTenantTransaction(db, { userId: "" }, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM mail_outbox WHERE smtp_pending AND enqueued_at IS NULL
      ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
    // The mail queue's own policy, as for tenant jobs (tests run it with a short delay).
    const retry = definitions.get(MAIL_JOB)?.retry ?? MAIL_RETRY;
    if (rows.length === 0) return 0;
    const connection = opts.throughTransaction ? await throughTx(tx) : {};
    for (const row of rows) {
      await boss.send(MAIL_JOB, { id: row.id }, { id: row.id, ...retry, ...connection });
    }
    await tx.$executeRaw`UPDATE mail_outbox SET enqueued_at = now()
      WHERE id = ANY(${rows.map((r) => r.id)}::uuid[])`;
    return rows.length;
  });
  return jobs + mails;
}
