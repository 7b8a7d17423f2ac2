// Readiness for load balancers and docker-compose: the database and (when configured) Redis answer, and the process
// is not shutting down; else 503 naming what failed (src/server/ops-endpoints.ts).
import { limiterRedis } from "@tenantry/auth";
import { getDb } from "@tenantry/db";

import { apiRoute } from "~/server/api-route";
import { readinessResponse } from "~/server/ops-endpoints";

export const dynamic = "force-dynamic";

export const GET = apiRoute(() => readinessResponse({ db: getDb(), redis: limiterRedis() }));
