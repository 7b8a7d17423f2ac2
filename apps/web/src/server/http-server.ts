// The web process's HTTP edge around Next.js (server.ts): a request id for every request, one JSON log line and the
// request metrics when its answer ends, and a graceful shutdown — after SIGTERM readiness fails first, no new
// request is taken (idle keep-alive connections close, busy ones answer `Connection: close`, a request arriving on a
// kept-alive connection gets 503), requests in flight finish, and the process is gone within SHUTDOWN_DEADLINE_MS.
// Kept apart from server.ts so tests run it around a plain handler, without building Next.js.
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";

import type { Logger } from "@tenantry/core/observability/logger";
import type { RequestContext } from "@tenantry/core/observability/request-context";
import {
  httpRequestDurationSeconds,
  httpRequestsTotal,
} from "@tenantry/core/observability/metrics";
import { runWithRequestContext } from "@tenantry/core/observability/request-context";
import { REQUEST_ID_HEADER, requestIdOrNew } from "@tenantry/core/observability/request-id";
import { isShuttingDown, onShutdown } from "@tenantry/core/observability/shutdown";
import {
  endRequestSpan,
  startRequestSpan,
  withTraceContext,
} from "@tenantry/core/observability/tracing";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface WebServerOptions {
  handle: RequestHandler;
  log: Logger;
  /** Called before a request is handled (server.ts resolves forwarded headers here). */
  prepare?: (req: IncomingMessage) => void;
  /** How long readiness answers 503 before connections stop being accepted. */
  readyDelayMs?: number;
}

const UUID_OR_NUMBER = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;

/** A REST route template as the REST layer annotates it (`GET /api/v1/projects/{id}`). */
const REST_ROUTE = /^[A-Z]+ \/api\//;

/**
 * The metrics label of a request: what the tRPC or REST layer annotated (one procedure, the route template — which
 * wins over the procedure the REST route then calls — or `trpc batch` for a tRPC batch); else a bounded class of
 * its path — ids replaced, pages and assets one label each.
 */
export function routeLabel(pathname: string, routes: readonly string[]): string {
  const rest = routes.find((route) => REST_ROUTE.test(route));
  if (rest !== undefined) return rest;
  if (routes.length === 1 && routes[0] !== undefined) return routes[0];
  if (routes.length > 1) return "trpc batch";
  if (pathname.startsWith("/_next/")) return "static";
  if (!pathname.startsWith("/api/")) return "page";
  const segments = pathname
    .split("/")
    .slice(1, 5)
    .map((segment) => (UUID_OR_NUMBER.test(segment) ? ":id" : segment.slice(0, 40)));
  return `/${segments.join("/")}`;
}

function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const end = raw.indexOf("?");
  // The query is never logged: a tRPC GET carries its input there.
  return (end === -1 ? raw : raw.slice(0, end)).slice(0, 300);
}

export interface WebServer {
  server: Server;
  /** Requests whose answer has not ended. */
  inFlight: () => number;
}

export function createWebServer(options: WebServerOptions): WebServer {
  const { log } = options;
  const server = createServer();
  const inFlight = new Set<ServerResponse>();

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const header = req.headers[REQUEST_ID_HEADER];
    const requestId = requestIdOrNew(Array.isArray(header) ? header[0] : header);
    // The layers below (route handlers, tRPC context) read the id back from the header: one id per request.
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const path = pathOf(req.url);
    const context: RequestContext = { requestId, routes: [] };
    // The request's span (null when tracing is off): named and labelled like the metrics once the answer ended.
    const traced = startRequestSpan(req.method ?? "GET", req.headers, {
      "url.path": path,
      "tenantry.request_id": requestId,
    });

    res.once("close", () => {
      inFlight.delete(res);
      const durationMs = performance.now() - started;
      const route = routeLabel(path, context.routes);
      const status = res.writableFinished ? res.statusCode : 499;
      const labels = { method: req.method ?? "GET", route, status: String(status) };
      httpRequestsTotal.inc(labels);
      httpRequestDurationSeconds.observe(labels, durationMs / 1000);
      if (traced) {
        endRequestSpan(traced.span, labels.method, route, status, {
          ...(context.organizationId ? { "tenantry.organization_id": context.organizationId } : {}),
          ...(context.apiKeyId ? { "tenantry.api_key_id": context.apiKeyId } : {}),
        });
      }
      const line = {
        requestId,
        method: req.method,
        path,
        route,
        status,
        durationMs: Math.round(durationMs * 10) / 10,
        organizationId: context.organizationId,
        userId: context.userId,
        apiKeyId: context.apiKeyId ?? undefined,
      };
      if (route === "static") log.debug(line, "request");
      else log.info(line, "request");
    });

    if (isShuttingDown()) {
      // A request that came in on a kept-alive connection after shutdown began: refused, and the connection closes.
      res.shouldKeepAlive = false;
      res
        .writeHead(503, {
          connection: "close",
          "content-type": "application/json",
          "retry-after": "1",
        })
        .end(
          JSON.stringify({ error: { code: "SHUTTING_DOWN", message: "server is shutting down" } }),
        );
      return;
    }
    inFlight.add(res);
    options.prepare?.(req);
    withTraceContext(traced?.context, () =>
      runWithRequestContext(context, () => {
        options.handle(req, res).catch((error: unknown) => {
          log.error({ err: error, requestId }, "request handler failed");
          if (res.headersSent) res.destroy();
          else res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
        });
      }),
    );
  });

  // Drain phase of the shutdown registry: fail readiness (already, by the registry), wait the configured delay, stop
  // accepting, let in-flight requests finish until the deadline signal, then cut what is left.
  onShutdown(
    "http server",
    async (signal) => {
      if (options.readyDelayMs) await delay(options.readyDelayMs, signal);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      for (const res of inFlight) {
        // Answers not yet started say `Connection: close`; Node then ends the connection after them.
        if (!res.headersSent) res.setHeader("connection", "close");
        res.shouldKeepAlive = false;
      }
      log.info({ inFlight: inFlight.size }, "shutdown: draining requests");
      const drained = new Promise<void>((resolve) => {
        const check = () => {
          if (inFlight.size === 0) resolve();
        };
        check();
        const interval = setInterval(() => {
          server.closeIdleConnections();
          check();
        }, 25);
        void closed.then(() => clearInterval(interval));
        signal.addEventListener("abort", () => {
          clearInterval(interval);
          resolve();
        });
      });
      await drained;
      if (inFlight.size > 0)
        log.warn({ inFlight: inFlight.size }, "shutdown: deadline reached, cutting requests");
      server.closeAllConnections();
      await closed;
    },
    "drain",
  );

  return { server, inFlight: () => inFlight.size };
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
