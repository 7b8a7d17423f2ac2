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

import { env } from "./env.ts";

/** The name every span of this code is created under (the instrumentation scope). */
export const TRACER_NAME = "tenantry";

export interface TracingConfig {
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
}

/** Where spans go, or undefined (tracing off): the traces endpoint as given, else the base endpoint's /v1/traces. */
export function tracesEndpoint(config: TracingConfig = env): string | undefined {
  if (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (!config.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  return `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "")}/v1/traces`;
}

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

/**
 * Starts exporting spans when an endpoint is configured; returns null (and loads nothing) when none is. Call once,
 * early in the process's entry point, before requests or jobs run.
 */
export async function startTracing(options: {
  /** `service.name` unless OTEL_SERVICE_NAME says otherwise. */
  service: string;
  config?: TracingConfig;
  /** Export every span at once instead of in batches (tests). */
  immediate?: boolean;
}): Promise<Tracing | null> {
  const endpoint = tracesEndpoint(options.config);
  if (!endpoint) return null;
  if (holder[KEY]) return holder[KEY];
  const [{ NodeTracerProvider, BatchSpanProcessor, SimpleSpanProcessor }, { OTLPTraceExporter }] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/exporter-trace-otlp-http"),
    ]);
  const { resourceFromAttributes } = await import("@opentelemetry/resources");
  // OTEL_EXPORTER_OTLP_HEADERS (a collector's credentials) and _TIMEOUT are read by the exporter itself.
  const exporter = new OTLPTraceExporter({ url: endpoint });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": env.OTEL_SERVICE_NAME ?? options.service }),
    spanProcessors: [
      options.immediate ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter),
    ],
  });
  // Registers the provider, the AsyncLocalStorage context manager and the W3C trace-context propagator globally.
  provider.register();
  const tracing: Tracing = {
    endpoint,
    forceFlush: () => provider.forceFlush(),
    shutdown: async () => {
      holder[KEY] = undefined;
      await provider.shutdown();
      trace.disable();
      otelContext.disable();
      propagation.disable();
    },
  };
  holder[KEY] = tracing;
  return tracing;
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
