// OpenTelemetry traces of the web app and the worker, exported over OTLP/HTTP (JSON) when an endpoint is configured
// (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces). Unset, the SDK is never
// loaded and the helpers below run their function without creating a span: tracing costs nothing when it is off.
// Spans: one per HTTP request at the edge (apps/web/src/server/http-server.ts; Next.js's own spans nest under it
// through the global API), one per job in the worker, a child of the request that queued it (W3C `traceparent`
// carried in the job's actor).
import type { Attributes, Context, Span } from "@opentelemetry/api";
import {
  context as otelContext,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from "@opentelemetry/api";

/** The name every span of this code is created under (the instrumentation scope). */
export const TRACER_NAME = "tenantry";

export interface Tracing {
  endpoint: string;
  /** Exports the spans ended so far (tests; the shutdown's flush phase). */
  forceFlush: () => Promise<void>;
  /** Exports what is left and unregisters the global provider. */
  shutdown: () => Promise<void>;
}

// On globalThis like the metrics: server.ts and the Next.js bundle each load a copy of this module.
const KEY = Symbol.for("tenantry.tracing");
const holder = globalThis as Record<symbol, Tracing | undefined>;

export function tracingEnabled(): boolean {
  return holder[KEY] !== undefined;
}

/** Installs (or, with undefined, removes) the process's tracing; tracing-start.ts calls it. */
export function setTracing(tracing: Tracing | undefined): void {
  holder[KEY] = tracing;
}

/** The process's tracing, once started. */
export function currentTracing(): Tracing | undefined {
  return holder[KEY];
}

function tracer() {
  return trace.getTracer(TRACER_NAME);
}

/** The span of an HTTP request, a child of the caller's `traceparent` when it sent one; null when tracing is off. */
export function startRequestSpan(
  method: string,
  headers: Record<string, string | string[] | undefined>,
  attributes: Attributes,
): { span: Span; context: Context } | null {
  if (!tracingEnabled()) return null;
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  const span = tracer().startSpan(
    method,
    { kind: SpanKind.SERVER, attributes: { "http.request.method": method, ...attributes } },
    parent,
  );
  return { span, context: trace.setSpan(parent, span) };
}

/** Ends a request's span with what its answer turned out to be (route known only once the handler ran). */
export function endRequestSpan(
  span: Span,
  method: string,
  route: string,
  status: number,
  attributes: Attributes,
): void {
  span.updateName(`${method} ${route}`);
  span.setAttributes({ "http.route": route, "http.response.status_code": status, ...attributes });
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/** Runs `fn` in `context` (a request's span), or as is when there is none. */
export function withTraceContext<T>(context: Context | undefined, fn: () => T): T {
  return context ? otelContext.with(context, fn) : fn();
}

/** The W3C `traceparent` of the active span (what a job queued now carries), or null. */
export function currentTraceparent(): string | null {
  if (!tracingEnabled()) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(otelContext.active(), carrier);
  return carrier.traceparent ?? null;
}

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** A stored `traceparent`, if it is one (it comes back from a job payload). */
export function parseTraceparent(value: unknown): string | null {
  return typeof value === "string" && TRACEPARENT.test(value) ? value : null;
}

/**
 * Runs a job in its span (`job <queue>`, a child of `traceparent` when the job carries one); records a throw as the
 * span's error and rethrows. Without tracing, just runs `fn`.
 */
export async function inJobSpan<T>(
  queue: string,
  attributes: Attributes,
  traceparent: string | null | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return fn();
  const parent = traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
  return tracer().startActiveSpan(
    `job ${queue}`,
    { kind: SpanKind.CONSUMER, attributes: { "messaging.destination.name": queue, ...attributes } },
    parent,
    async (span) => {
      try {
        return await fn();
      } catch (error) {
        span.recordException(error instanceof Error ? error : String(error));
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
