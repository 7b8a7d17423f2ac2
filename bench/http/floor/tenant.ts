// The floor's shared parts: the pool, the bearer check, the tenant transaction, superjson's envelope, inputs.
import { hkdfSync } from "node:crypto";
import type http from "node:http";
import { jwtVerify } from "jose";
import pg from "pg";

// eslint-disable-next-line no-restricted-syntax -- configured by the benchmark runner (servers.ts)
const env = process.env;
const APP_ROLE = env.FLOOR_APP_ROLE ?? "tenantry_app";
// The product's defaults (packages/auth env): idle lifetime and the interval between last-seen writes.
const SESSION_IDLE_SECONDS = 604_800;
const SESSION_TOUCH_SECONDS = 60;
const MAX_LIMIT = 100;

// The same key as packages/auth/src/access-token.ts derives from AUTH_SECRET.
const key = new Uint8Array(
  hkdfSync("sha256", env.FLOOR_AUTH_SECRET ?? "", "tenantry", "tenantry access token v1", 32),
);

// DATE columns as their text (YYYY-MM-DD), as Prisma's adapter reads them; never through local-time Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export const pool = new pg.Pool({
  connectionString: env.FLOOR_DATABASE_URL,
  max: Number(env.FLOOR_POOL_MAX ?? 10),
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 15_000,
  application_name: "tenantry-floor",
});

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Built-in roles that see every project (project.manage_all); all built-in roles hold task.read and project.read. */
const MANAGE_ALL_ROLES = new Set(["OWNER", "ADMIN"]);

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Member {
  userId: string;
  membershipId: string;
  organizationId: string;
  manageAll: boolean;
}

// ---- superjson's envelope, written directly: JSON with Dates as ISO strings, their paths listed in meta ----------

export class Envelope {
  readonly dates: string[] = [];
  date(value: Date | null, path: string): string | null {
    if (value === null) return null;
    this.dates.push(path);
    return value.toISOString();
  }
  body(json: unknown): string {
    const data = JSON.stringify(json);
    const meta = this.dates.length
      ? `,"meta":{"values":{${this.dates.map((p) => `${JSON.stringify(p)}:["Date"]`).join(",")}},"v":1}`
      : "";
    return `{"result":{"data":{"json":${data}${meta}}}}`;
  }
}

// ---- the tenant transaction --------------------------------------------------------------------------------------

const MEMBER_SQL = `
  SELECT s.last_seen_at, s.active_organization_id, m.id AS membership_id, m.role::text AS role,
         m.custom_role_id, o.status::text AS org_status,
         CASE WHEN m.id IS NOT NULL THEN set_config('app.org_id', m.organization_id::text, true) END,
         CASE WHEN m.id IS NOT NULL THEN set_config('app.role', m.role::text, true) END
  FROM auth_sessions s
  JOIN users u ON u.id = s.user_id AND u.status = 'ACTIVE'
  LEFT JOIN memberships m ON m.user_id = s.user_id AND m.organization_id = $3::uuid AND m.status = 'ACTIVE'
  LEFT JOIN organizations o ON o.id = m.organization_id
  WHERE s.id = $1::uuid AND s.user_id = $2::uuid AND s.revoked_at IS NULL AND s.expires_at > now()
    AND s.last_seen_at > now() - $4::int * interval '1 second'`;

/** Verifies the token, then runs `fn` in one tenant transaction for a verified member of the requested organization. */
export async function withTenant<T>(
  req: http.IncomingMessage,
  fn: (client: pg.PoolClient, member: Member) => Promise<T>,
): Promise<T> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
  if (!token || token.length > 2_048) throw new HttpError(401, "Sign in to continue");
  let userId: string;
  let sessionId: string;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      issuer: "tenantry",
      audience: "tenantry-api",
      typ: "at+jwt",
    });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string")
      throw new Error("claims");
    userId = payload.sub;
    sessionId = payload.sid;
  } catch {
    throw new HttpError(401, "Invalid or expired access token");
  }
  const organizationId = req.headers["x-tenantry-org"];
  if (typeof organizationId !== "string" || !UUID.test(organizationId)) {
    throw new HttpError(400, "the floor needs x-tenantry-org with an organization id");
  }
  if (!UUID.test(userId) || !UUID.test(sessionId)) throw new HttpError(401, "Invalid access token");

  const client = await pool.connect();
  try {
    // One round trip: the ids are checked UUIDs, so they can be literals of the simple protocol.
    await client.query(
      `BEGIN; SELECT set_config('role', '${APP_ROLE}', true), set_config('app.user_id', '${userId}', true)`,
    );
    const { rows } = await client.query<{
      last_seen_at: Date;
      active_organization_id: string | null;
      membership_id: string | null;
      role: string | null;
      custom_role_id: string | null;
      org_status: string | null;
    }>(MEMBER_SQL, [sessionId, userId, organizationId, SESSION_IDLE_SECONDS]);
    const row = rows[0];
    if (!row) throw new HttpError(401, "Your session is no longer valid");
    if (!row.membership_id || !row.role) {
      throw new HttpError(403, "You are not a member of this organization");
    }
    if (row.org_status === "DELETED")
      throw new HttpError(403, "This organization has been deleted");
    if (row.custom_role_id) throw new HttpError(500, "the floor supports built-in roles only");
    // The product's bookkeeping, rare in a run: the session's last-seen time and active organization.
    if (Date.now() - row.last_seen_at.getTime() >= SESSION_TOUCH_SECONDS * 1_000) {
      await client.query(
        "UPDATE auth_sessions SET last_seen_at = now() WHERE id = $1 AND revoked_at IS NULL",
        [sessionId],
      );
    }
    if (row.active_organization_id !== organizationId) {
      await client.query(
        "UPDATE auth_sessions SET active_organization_id = $2 WHERE id = $1 AND revoked_at IS NULL",
        [sessionId, organizationId],
      );
    }
    const result = await fn(client, {
      userId,
      membershipId: row.membership_id,
      organizationId,
      manageAll: MANAGE_ALL_ROLES.has(row.role),
    });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export function parseInput(url: URL): Record<string, unknown> {
  const raw = url.searchParams.get("input");
  if (raw === null) return {};
  const parsed: unknown = JSON.parse(raw);
  const json =
    typeof parsed === "object" && parsed !== null && "json" in parsed ? parsed.json : undefined;
  if (typeof json !== "object" || json === null) throw new HttpError(400, "input must be { json }");
  return json as Record<string, unknown>;
}

export function parseLimit(input: Record<string, unknown>, fallback: number): number {
  const limit = input.limit ?? fallback;
  if (typeof limit !== "number" || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new HttpError(400, "limit must be an integer in 1..100");
  }
  return limit;
}
