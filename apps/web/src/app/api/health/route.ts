// Health endpoint for load balancers and docker-compose: 200 when the database answers, 503 otherwise.
import { checkDatabase, UNAVAILABLE_RETRY_AFTER_SECONDS } from "@tenantry/api";
import { getDb } from "@tenantry/db";

import { apiRoute } from "~/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const database = await checkDatabase(getDb());
  const headers = new Headers({ "cache-control": "no-store" });
  if (!database.ok) headers.set("retry-after", String(UNAVAILABLE_RETRY_AFTER_SECONDS));
  return Response.json(
    { status: database.ok ? "ok" : "degraded", database },
    { status: database.ok ? 200 : 503, headers },
  );
});
