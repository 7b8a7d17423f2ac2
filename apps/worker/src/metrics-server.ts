// The worker's own small HTTP port (WORKER_METRICS_PORT) for Prometheus to scrape: GET /metrics behind the same
// METRICS_TOKEN as the web app's /api/metrics, and GET /health for liveness. Pulled, like the web app's, rather than
// pushed: no push gateway to run, and a scrape that fails says the worker is gone.
import { createServer } from "node:http";
import type { Server } from "node:http";

import { renderMetrics } from "@tenantry/core/observability/metrics";
import { metricsAuthorized } from "@tenantry/core/observability/metrics-auth";

export function startMetricsServer(opts: {
  port: number;
  host: string;
  token: string | undefined;
}): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res
        .writeHead(status, {
          "content-type": "application/json",
          "cache-control": "no-store",
          ...headers,
        })
        .end(JSON.stringify(body));
    if (req.method !== "GET") return json(405, { error: "method not allowed" });
    if (path === "/health") return json(200, { status: "ok" });
    if (path !== "/metrics") return json(404, { error: "not found" });
    if (!opts.token) return json(404, { error: "metrics are disabled: set METRICS_TOKEN" });
    if (!metricsAuthorized(req.headers.authorization, opts.token)) {
      return json(
        401,
        { error: "a valid metrics bearer token is required" },
        {
          "www-authenticate": 'Bearer realm="metrics"',
        },
      );
    }
    renderMetrics().then(
      ({ body, contentType }) => res.writeHead(200, { "content-type": contentType }).end(body),
      () => json(500, { error: "metrics unavailable" }),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}
