// Health endpoint for load balancers and docker-compose: 200 when the database answers, 503 otherwise.
import { checkDatabase } from "@tenantry/api";
import { getDb } from "@tenantry/db";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await checkDatabase(getDb());
  return Response.json(
    { status: database.ok ? "ok" : "degraded", database },
    { status: database.ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}
