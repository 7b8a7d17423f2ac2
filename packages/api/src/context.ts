// tRPC context. The inner part takes everything explicitly so tests can build it without Next.js.
import type { AuthSession } from "@tenantry/auth";
import type { Db } from "@tenantry/db";
import { getDb } from "@tenantry/db";

/** Header a client may send to name the organization (id or slug); membership is always verified server-side. */
export const ORGANIZATION_HEADER = "x-tenantry-org";

export interface InnerContextOptions {
  db: Db;
  session: AuthSession | null;
  /** The organization the caller asks for (id or slug); null means "my default organization". */
  organization?: string | null;
}

export function createInnerTRPCContext(opts: InnerContextOptions) {
  return { db: opts.db, session: opts.session, organization: opts.organization ?? null };
}

export function createTRPCContext(opts: { headers: Headers; session: AuthSession | null }) {
  return createInnerTRPCContext({
    db: getDb(),
    session: opts.session,
    organization: opts.headers.get(ORGANIZATION_HEADER),
  });
}

export type Context = ReturnType<typeof createInnerTRPCContext>;
