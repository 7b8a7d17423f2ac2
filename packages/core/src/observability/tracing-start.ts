// Starts the OpenTelemetry SDK of a process (server.ts, the worker's main.ts) when an OTLP endpoint is configured.
// Apart from tracing.ts because only entry points load it: the domain code (and the Next.js bundle) imports the
// API-only helpers there, never the SDK and its exporter.
import { context as otelContext, propagation, trace } from "@opentelemetry/api";

import type { Tracing } from "./tracing.ts";
import { env } from "./env.ts";
import { currentTracing, setTracing } from "./tracing.ts";

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
  const running = currentTracing();
  if (running) return running;
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
      setTracing(undefined);
      await provider.shutdown();
      trace.disable();
      otelContext.disable();
      propagation.disable();
    },
  };
  setTracing(tracing);
  return tracing;
}
