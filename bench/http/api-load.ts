// The API measurements of bench:http, with product and floor connected directly: byte equality of every variant's
// responses, then autocannon runs in alternating rounds (rps, latency, CPU per request from /proc).
import type { CpuProbe, LoadRequest, LoadResult } from "./load.ts";
import type { Results, Target } from "./report.ts";
import type { SeededOrg } from "./seed.ts";
import type { RunningServer } from "./servers.ts";
import type { VariantDef } from "./variants.ts";
import { CONFIG, log, PASSWORD } from "./config.ts";
import { tokenLogin } from "./http-client.ts";
import { runLoad } from "./load.ts";
import { get, VARIANTS, withTarget } from "./variants.ts";

export interface MeasuringServers {
  product: RunningServer;
  floor: RunningServer;
  probes: Record<"product" | "floor", CpuProbe>;
}

/** One load run of a variant against a target; `overallRate` offers a fixed rate instead of the maximum. */
export type Measure = (
  variant: VariantDef,
  target: Target,
  connections: number,
  overallRate?: number,
) => Promise<LoadResult>;

export interface ApiMeasurer {
  /** The variant's request for every measured organization, with API tokens fresh enough for a block of runs. */
  requestsOf(variant: VariantDef, target: Target): Promise<LoadRequest[]>;
  measure: Measure;
}

export function apiMeasurer(orgs: SeededOrg[], servers: MeasuringServers): ApiMeasurer {
  const { product, floor, probes } = servers;
  const serverOf = (target: Target) => (target === "product" ? product : floor);
  const probeOf = (target: Target) => (target === "product" ? probes.product : probes.floor);

  // Access tokens live 15 minutes: sign the API clients in again when a block would outlast them.
  let tokens: string[] = [];
  let tokensAt = 0;
  const freshTokens = async () => {
    if (Date.now() - tokensAt < 10 * 60_000) return tokens;
    tokens = await Promise.all(
      orgs.map((org) => {
        const user = org.users[1];
        if (!user) throw new Error("no API user");
        return tokenLogin(product.origin, user.email, PASSWORD);
      }),
    );
    tokensAt = Date.now();
    return tokens;
  };
  const requestsOf = async (variant: VariantDef, target: Target) => {
    const current = await freshTokens();
    return orgs.map((org, i) => withTarget(variant.request(org, current[i] ?? ""), target));
  };

  // Each run sends a fixed amount of requests, sized from the rate last seen so that it lasts about the set time.
  const rates = new Map<string, number>();
  const measure: Measure = async (variant, target, connections, overallRate) => {
    const requests = await requestsOf(variant, target);
    const spec = {
      origin: serverOf(target).origin,
      requests,
      connections,
      ...(overallRate ? { overallRate } : {}),
    };
    const key = `${variant.id}|${target}|${connections}`;
    // The first time, the same server's rate at another connection count is a good guess.
    const known =
      overallRate ??
      rates.get(key) ??
      [...rates].find(([k]) => k.startsWith(`${variant.id}|${target}|`))?.[1];
    // Warm up for at least BENCH_WARMUP_S (JIT, pools, caches), in steps sized from the rate seen so far.
    const warmups: LoadResult[] = [];
    let warmedS = 0;
    let rate = known;
    while (warmedS < CONFIG.warmupS) {
      const amount = rate ? Math.round(rate * (CONFIG.warmupS - warmedS)) : connections * 2;
      const warm = await runLoad(
        { ...spec, amount: Math.max(connections, amount) },
        probeOf(target),
      );
      warmups.push(warm);
      warmedS += warm.durationS;
      rate = overallRate ?? warm.rps;
    }
    const seconds = overallRate ? CONFIG.offeredS : CONFIG.durationS;
    const result = await runLoad(
      { ...spec, amount: Math.max(connections * 5, Math.round((rate ?? 1) * seconds)) },
      probeOf(target),
    );
    if (!overallRate) rates.set(key, result.rps);
    for (const r of [...warmups, result]) {
      if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
        throw new Error(
          `${variant.id} ${target} @${connections}: ${r.non2xx} non-2xx, ${r.errors} errors, ` +
            `${r.timeouts} timeouts — a 429 means the plan's API rate ran out: raise BENCH_TENANTS`,
        );
      }
    }
    return result;
  };
  return { requestsOf, measure };
}

function firstDifference(a: Buffer, b: Buffer): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (buf: Buffer) => buf.toString("utf8", Math.max(0, i - 120), i + 120);
  return `at byte ${i} (lengths ${a.length} / ${b.length})\n  product: ${around(a)}\n  floor:   ${around(b)}`;
}

/** Throws unless every target of every variant answers each organization's request with the product's bytes. */
export async function assertIdenticalBytes(
  servers: MeasuringServers,
  measurer: ApiMeasurer,
  orgCount: number,
): Promise<void> {
  const { product, floor } = servers;
  log("asserting byte equality of the responses");
  for (const variant of VARIANTS) {
    for (const target of variant.targets.filter((t) => t !== "product")) {
      const expected = await measurer.requestsOf(variant, "product");
      const actual = await measurer.requestsOf(variant, target);
      for (const [i, r] of expected.entries()) {
        const other = actual[i];
        if (!other) throw new Error("request lists differ");
        const a = await get(product, r);
        const b = await get(floor, other);
        if (a.status !== 200 || b.status !== 200) {
          throw new Error(`${variant.id}: HTTP ${a.status} (product) / ${b.status} (${target})`);
        }
        if (!a.body.equals(b.body)) {
          throw new Error(
            `${variant.id}: ${target} differs from the product ${firstDifference(a.body, b.body)}`,
          );
        }
      }
    }
    log(
      `  ${variant.id}: ${variant.targets.join(", ")} answer identical bytes (${orgCount} organizations)`,
    );
  }
}

/** Every variant at every connection count, BENCH_ROUNDS rounds, the targets' order alternating. */
export async function measureApiLoads(measure: Measure): Promise<Results["loads"]> {
  const loads: Results["loads"] = [];
  for (const variant of VARIANTS) {
    for (const connections of CONFIG.connections) {
      for (let round = 0; round < CONFIG.rounds; round++) {
        // Alternate the order every round so that neither side always runs first (or right after the other).
        const order = round % 2 === 0 ? variant.targets : [...variant.targets].reverse();
        for (const target of order) {
          const result = await measure(variant, target, connections);
          loads.push({ variant: variant.id, target, round, result });
          log(
            `  ${variant.id} ${target} @${connections} round ${round + 1}: ${result.rps.toFixed(0)} rps, ` +
              `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
              `${((result.nodeCpuS / result.requests) * 1e3).toFixed(2)} ms Node + ` +
              `${((result.pgCpuS / result.requests) * 1e3).toFixed(2)} ms PostgreSQL CPU per request`,
          );
        }
      }
    }
  }
  return loads;
}
