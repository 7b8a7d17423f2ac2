// The offered-load measurement of bench:http: latency of product and floor at half the maximum rate each reached.
import type { Measure } from "./api-load.ts";
import type { Aggregate, Results } from "./report.ts";
import { CONFIG, log } from "./config.ts";
import { VARIANTS } from "./variants.ts";

export async function measureOfferedLoad(
  measure: Measure,
  aggregates: Aggregate[],
): Promise<Results["offered"]> {
  const offered: Results["offered"] = [];
  if (!CONFIG.only) log("offered load: half of the measured maximum");
  for (const variant of CONFIG.only ? [] : VARIANTS.filter((v) => v.id !== "health")) {
    for (const target of ["product", "floor"] as const) {
      const max = Math.max(
        ...aggregates
          .filter((a) => a.variant === variant.id && a.target === target)
          .map((a) => a.rps),
      );
      const rate = Math.max(1, Math.round(max / 2));
      const result = await measure(variant, target, 10, rate);
      offered.push({ variant: variant.id, target, rate, result });
      log(
        `  ${variant.id} ${target} at ${rate} rps: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
      );
    }
  }
  return offered;
}
