// The PostgreSQL Idempotency-Key store, for a server without Redis (the embedded `pnpm start`/`pnpm dev`, or one
// web process on a real PostgreSQL): the same contract as the Redis store, in the tenant table idempotency_keys,
// each statement inside a tenant transaction of the caller's verified organization, so RLS keeps every
// organization's keys and kept answers to itself. Expired rows are reclaimed by the next request with the same key
// and deleted by the scheduled maintenance job (purge_expired_idempotency_keys). A call that acts in no
// organization (sign-up and the token endpoints, a caller with no membership) has no tenant to keep its key in:
// its key lives in this process's memory, which is exact for the single process these servers run.
import type { Db, Prisma, TenantDb } from "@tenantry/db";
import { newId, withTenantTransaction } from "@tenantry/db";

import type {
  BeginResult,
  IdempotencyScope,
  IdempotencyStore,
  StoredResponse,
} from "./idempotency.ts";
import {
  IDEMPOTENCY_TTL_SECONDS,
  IN_FLIGHT_TTL_SECONDS,
  judge,
  memoryIdempotencyStore,
} from "./idempotency.ts";

interface Row {
  fingerprint: string;
  state: string;
  response_status: number | null;
  response_headers: Prisma.JsonValue;
  response_body: string | null;
}

export interface PgIdempotencyStoreOptions {
  /** The clock deciding expiry (tests move it); the database compares against the times it writes. */
  now?: () => number;
  /** Where calls without an organization keep their keys (defaults to this process's memory). */
  organizationFree?: IdempotencyStore;
}

const toEntry = (row: Row) =>
  row.state === "done"
    ? {
        fingerprint: row.fingerprint,
        state: "done" as const,
        response: {
          status: row.response_status ?? 500,
          headers: (row.response_headers ?? {}) as Record<string, string>,
          body: row.response_body ?? "",
        },
      }
    : { fingerprint: row.fingerprint, state: "running" as const };

export function pgIdempotencyStore(db: Db, opts: PgIdempotencyStoreOptions = {}): IdempotencyStore {
  const now = opts.now ?? Date.now;
  const fallback = opts.organizationFree ?? memoryIdempotencyStore(now);
  const inTenant = <T>(
    scope: IdempotencyScope & { organizationId: string },
    fn: (tx: TenantDb) => Promise<T>,
  ) =>
    withTenantTransaction(
      db,
      // The membership was verified when the scope was built (idempotency-scope.ts); RLS needs only the tenant.
      { userId: scope.userId ?? "", organizationId: scope.organizationId, role: "" },
      fn,
    );
  const at = (seconds: number) => new Date(now() + seconds * 1000);

  async function claim(
    scope: IdempotencyScope & { organizationId: string },
    fingerprint: string,
  ): Promise<BeginResult> {
    return inTenant(scope, async (tx) => {
      const { organizationId, credential, key } = scope;
      // Insert the claim, or take over a row whose time is up (an expired answer, a crashed request's claim). A
      // live row is left as it is and locked, so the read below sees it as committed by whoever holds it.
      const claimed = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO idempotency_keys (id, organization_id, credential, key, fingerprint, state, expires_at)
        VALUES (${newId()}::uuid, ${organizationId}::uuid, ${credential}, ${key}, ${fingerprint}, 'running',
                ${at(IN_FLIGHT_TTL_SECONDS)})
        ON CONFLICT (organization_id, credential, key) DO UPDATE
          SET fingerprint = EXCLUDED.fingerprint, state = 'running', response_status = NULL,
              response_headers = NULL, response_body = NULL, expires_at = EXCLUDED.expires_at,
              created_at = now()
          WHERE idempotency_keys.expires_at <= ${new Date(now())}
        RETURNING id::text AS id`;
      if (claimed.length > 0) return { state: "new" };
      const rows = await tx.$queryRaw<Row[]>`
        SELECT fingerprint, state, response_status, response_headers, response_body
        FROM idempotency_keys
        WHERE organization_id = ${organizationId}::uuid AND credential = ${credential} AND key = ${key}`;
      const row = rows[0];
      // Gone between the two statements (abandoned meanwhile): the caller may simply try again.
      return row ? judge(toEntry(row), fingerprint) : { state: "in-flight" };
    });
  }

  return {
    begin(scope, fingerprint) {
      const { organizationId } = scope;
      if (organizationId === null) return fallback.begin(scope, fingerprint);
      return claim({ ...scope, organizationId }, fingerprint);
    },
    async complete(scope, fingerprint, response: StoredResponse) {
      const { organizationId, credential, key } = scope;
      if (organizationId === null) return fallback.complete(scope, fingerprint, response);
      await inTenant(
        { ...scope, organizationId },
        (tx) => tx.$executeRaw`
        UPDATE idempotency_keys
        SET state = 'done', response_status = ${response.status},
            response_headers = ${JSON.stringify(response.headers)}::jsonb, response_body = ${response.body},
            expires_at = ${at(IDEMPOTENCY_TTL_SECONDS)}
        WHERE organization_id = ${organizationId}::uuid AND credential = ${credential} AND key = ${key}
          AND fingerprint = ${fingerprint}`,
      );
    },
    async abandon(scope) {
      const { organizationId, credential, key } = scope;
      if (organizationId === null) return fallback.abandon(scope);
      await inTenant(
        { ...scope, organizationId },
        (tx) => tx.$executeRaw`
        DELETE FROM idempotency_keys
        WHERE organization_id = ${organizationId}::uuid AND credential = ${credential} AND key = ${key}
          AND state = 'running'`,
      );
    },
  };
}
