// Benchmark: what authenticating a request costs, per credential — an API key with the lookup cached, the same key
// with the cache cleared before every call (the SECURITY DEFINER lookup each time), and a bearer access token
// (JWT verification + the session row) — first alone (authenticate), then as a whole project.list call through the
// real middleware chain (where the key adds its revocation re-check inside the tenant transaction). The floor is
// the checksum check alone (what a malformed key costs: no query). The organization is on ENTERPRISE so the API rate
// limit (Redis, REDIS_URL) does not stop the run.
import pg from "pg";
import { Bench } from "tinybench";

import { authenticate, createCaller, createInnerTRPCContext } from "@tenantry/api";
import { startTokenSession } from "@tenantry/auth";
import { isWellFormedApiKey } from "@tenantry/core/organization/api-key-secret";
import { clearApiKeyCache } from "@tenantry/core/organization/api-key-verify";
import { createApiKey } from "@tenantry/core/organization/api-keys";
import { createDb, withTenantTransaction } from "@tenantry/db";
import { provisionTestDatabase } from "@tenantry/db/testing";
import { ROLE_PERMISSIONS } from "@tenantry/validators";

import { report } from "./report.ts";

// eslint-disable-next-line no-restricted-syntax -- benchmark knobs, read once here
const TIME_MS = Number(process.env.BENCH_TIME_MS ?? 3000);

const database = await provisionTestDatabase({ label: "bench" });
const admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 });
const db = createDb({ connectionString: database.appUrl, poolMax: 4 });

const ids = await admin.query<{ org: string; usr: string; mem: string }>(
  `WITH o AS (INSERT INTO organizations (id, name, slug, plan, updated_at)
              VALUES (gen_random_uuid(), 'Bench', 'bench-keys', 'ENTERPRISE', now()) RETURNING id),
        u AS (INSERT INTO users (id, email, name, updated_at)
              VALUES (gen_random_uuid(), 'bench-keys@example.test', 'Bench', now()) RETURNING id)
   INSERT INTO memberships (id, organization_id, user_id, role, updated_at)
   SELECT gen_random_uuid(), o.id, u.id, 'OWNER', now() FROM o, u
   RETURNING organization_id AS org, user_id AS usr, id AS mem`,
);
const row = ids.rows[0];
if (!row) throw new Error("seeding failed");
const { secret } = await withTenantTransaction(
  db,
  { userId: row.usr, organizationId: row.org },
  (tx) =>
    createApiKey(
      tx,
      {
        userId: row.usr,
        organizationId: row.org,
        membership: {
          id: row.mem,
          role: "OWNER",
          customRole: null,
          permissions: ROLE_PERMISSIONS.OWNER,
        },
      },
      { name: "bench", scopes: ["project.read"], expiresAt: null, ipAllowlist: [] },
    ),
);
const client = { ip: "198.51.100.1", userAgent: "bench" };
const { tokens } = await startTokenSession(db, row.usr, client);
const ctxOf = (bearerToken: string) =>
  createInnerTRPCContext({ db, session: null, bearerToken, client, organization: row.org });

const bench = new Bench({ time: TIME_MS, warmup: true });
bench
  .add("floor: checksum check only (malformed keys stop here)", () => {
    isWellFormedApiKey(secret);
  })
  .add("authenticate: API key, cached lookup", async () => {
    await authenticate(ctxOf(secret));
  })
  .add("authenticate: API key, uncached lookup", async () => {
    clearApiKeyCache();
    await authenticate(ctxOf(secret));
  })
  .add("authenticate: bearer access token (JWT + session row)", async () => {
    await authenticate(ctxOf(tokens.accessToken));
  })
  .add("project.list with API key (cached)", async () => {
    await createCaller(ctxOf(secret)).project.list({});
  })
  .add("project.list with bearer access token", async () => {
    await createCaller(ctxOf(tokens.accessToken)).project.list({});
  });
await bench.run();
await report(bench, "api-key-verify", { timeMs: TIME_MS });
await db.$disconnect();
await admin.end();
await database.drop();
process.exit(0);
