// Shared reporting of the benchmarks: a table relative to the first task (the floor), and a JSON file of it.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Bench } from "tinybench";

/** Prints the results with each task's mean as a multiple of the first task's, and writes them to results/. */
export async function report(bench: Bench, name: string, context: Record<string, unknown>) {
  const floor = bench.tasks[0]?.result;
  const floorMean = floor && "latency" in floor ? floor.latency.mean : Number.NaN;
  const rows = bench.tasks.map((task) => {
    const r = task.result;
    if (!("latency" in r)) return { name: task.name, state: r.state };
    return {
      name: task.name,
      "mean ms": r.latency.mean.toFixed(3),
      "p50 ms": r.latency.p50.toFixed(3),
      "p99 ms": r.latency.p99.toFixed(3),
      "ops/s": Math.round(r.throughput.mean),
      samples: r.latency.samplesCount,
      "x floor": (r.latency.mean / floorMean).toFixed(2),
    };
  });
  console.table(rows);
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "results");
  await mkdir(out, { recursive: true });
  const file = path.join(out, `${name}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  await writeFile(file, JSON.stringify({ ...context, node: process.version, rows }, null, 2));
  console.log(`results written to ${path.relative(process.cwd(), file)}`);
}
