// One load measurement: autocannon against a server for a fixed time, with the CPU the server's process tree and
// its PostgreSQL backends spent meanwhile (from /proc), per completed request.
import autocannon from "autocannon";

import { pidsCpuSeconds, treeCpuSeconds } from "./proc.ts";

export interface LoadRequest {
  path: string;
  headers?: Record<string, string>;
}

export interface LoadSpec {
  origin: string;
  /** Each connection cycles through these (one per measured organization). */
  requests: LoadRequest[];
  connections: number;
  /**
   * Requests to send. A fixed amount rather than a fixed time: every request sent is answered before the CPU is
   * read, so no abandoned request's work spills into the next measurement.
   */
  amount: number;
  /** Requests per second over all connections; unset means as fast as the server answers. */
  overallRate?: number;
}

/** Where the CPU of a server is read: its process tree and the backends of its connection pool. */
export interface CpuProbe {
  serverPid: number;
  backends(): Promise<number[]>;
}

export interface LoadResult {
  connections: number;
  requests: number;
  durationS: number;
  rps: number;
  /** Milliseconds (autocannon's histogram has 1 ms resolution). */
  latency: { p50: number; p90: number; p99: number; mean: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  /** CPU seconds over the run. */
  nodeCpuS: number;
  pgCpuS: number;
}

async function cpu(probe: CpuProbe, pids: number[]) {
  const [node, pg] = await Promise.all([treeCpuSeconds(probe.serverPid), pidsCpuSeconds(pids)]);
  return { node, pg };
}

export async function runLoad(spec: LoadSpec, probe: CpuProbe): Promise<LoadResult> {
  const backendsBefore = await probe.backends();
  const before = await cpu(probe, backendsBefore);
  // The run lasts until its last response (autocannon's own duration rounds up to its sampling tick).
  const started = performance.now();
  let lastResponse = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.origin,
        connections: spec.connections,
        amount: Math.max(spec.amount, spec.connections),
        pipelining: 1,
        sampleInt: 100,
        ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
        requests: spec.requests.map((r) => ({
          method: "GET",
          path: r.path,
          headers: r.headers ?? {},
        })),
      },
      (error: unknown, res) => {
        if (error) reject(error instanceof Error ? error : new Error("autocannon failed"));
        else resolve(res);
      },
    );
    instance.on("response", () => {
      lastResponse = performance.now();
    });
  });
  const durationS = (lastResponse - started) / 1_000;
  // Backends opened during the run started from zero; one closed during it is lost (pools keep theirs for 30 s).
  const backendsAfter = [...new Set([...backendsBefore, ...(await probe.backends())])];
  const after = await cpu(probe, backendsAfter);
  let pgCpuS = 0;
  for (const [pid, seconds] of after.pg) pgCpuS += seconds - (before.pg.get(pid) ?? 0);
  return {
    connections: spec.connections,
    requests: result.requests.total,
    durationS,
    rps: result.requests.total / durationS,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      mean: result.latency.average,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    nodeCpuS: after.node - before.node,
    pgCpuS,
  };
}
