// Prometheus metrics of this web process, behind METRICS_TOKEN (src/server/ops-endpoints.ts).
import { env } from "@tenantry/core/observability/env";

import { apiRoute } from "~/server/api-route";
import { metricsResponse } from "~/server/ops-endpoints";

export const dynamic = "force-dynamic";

export const GET = apiRoute((req) => metricsResponse(req, env.METRICS_TOKEN));
