// The HTTP benchmark's results: their shape, aggregation over rounds, and the Markdown tables of bench/README.md.
import type { LoadResult } from "./load.ts";
import type { OrgSizeResult } from "./org-size.ts";
import type { TracedStatement, WireCounts } from "./wire-proxy.ts";
import { orgSizeTable } from "./org-size.ts";

export type VariantId = "task.list" | "project.list" | "health";
export type Target = "product" | "floor" | "floor-one-statement";

export interface WireResult {
  variant: VariantId | "page";
  target: Target;
  /** Per request (connections: new ones during the counted requests). */
  pg: WireCounts;
  redis: WireCounts | null;
  /** The SQL of one request, in order, with the pooled connection it ran on. */
  trace: TracedStatement[];
  redisTrace: string[];
}

export interface Aggregate {
  variant: VariantId;
  target: Target;
  connections: number;
  rounds: number;
  requests: number;
  rps: number;
  /** Medians over the rounds of each round's percentiles, in ms. */
  p50: number;
  p99: number;
  nodeCpuMsPerRequest: number;
  pgCpuMsPerRequest: number;
}

export interface PageResult {
  users: number;
  pages: number;
  pagesPerSecond: number;
  firstByteMs: { p50: number; p99: number };
  /** When the board's newest card arrived (decoded as the page streams in). */
  boardMs: { p50: number; p99: number };
  lastByteMs: { p50: number; p99: number };
  nodeCpuMsPerPage: number;
  pgCpuMsPerPage: number;
  /** Decoded HTML; it varies when the board's prefetches finish after the shell was rendered. */
  htmlBytes: { p50: number; min: number; max: number };
  /** Median bytes on the wire (gzip). */
  transferBytes: number;
}

export interface Results {
  date: string;
  config: {
    quick: boolean;
    orgs: number;
    tasks: number;
    tenants: number;
    tenantTasks: number;
    durationS: number;
    warmupS: number;
    rounds: number;
    connections: number[];
    offeredS: number;
    sizeRequests: number;
    seededTasks: number;
    seedSeconds: number;
  };
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    postgres: string;
    kernel: string;
    loadBefore: number[];
    loadAfter: number[];
    productProcesses: number;
  };
  aggregates: Aggregate[];
  /** The organization-size comparison (org-size.ts); empty when not run. */
  orgSize: OrgSizeResult[];
  offered: { variant: VariantId; target: Target; rate: number; result: LoadResult }[];
  page: PageResult[];
  wire: WireResult[];
  loads: { variant: VariantId; target: Target; round: number; result: LoadResult }[];
  runSeconds: number;
}

export const README_START = "<!-- bench:http results start -->";
export const README_END = "<!-- bench:http results end -->";

/** The middle value (the lower one of an even count). */
export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

export function aggregate(loads: Results["loads"]): Aggregate[] {
  const groups = new Map<string, Results["loads"]>();
  for (const load of loads) {
    const key = `${load.variant}|${load.target}|${load.result.connections}`;
    groups.set(key, [...(groups.get(key) ?? []), load]);
  }
  return [...groups.values()].flatMap((group) => {
    const first = group[0];
    if (!first) return [];
    const results = group.map((g) => g.result);
    const requests = results.reduce((n, r) => n + r.requests, 0);
    const seconds = results.reduce((n, r) => n + r.durationS, 0);
    return [
      {
        variant: first.variant,
        target: first.target,
        connections: first.result.connections,
        rounds: group.length,
        requests,
        rps: requests / seconds,
        p50: median(results.map((r) => r.latency.p50)),
        p99: median(results.map((r) => r.latency.p99)),
        nodeCpuMsPerRequest: (results.reduce((n, r) => n + r.nodeCpuS, 0) / requests) * 1e3,
        pgCpuMsPerRequest: (results.reduce((n, r) => n + r.pgCpuS, 0) / requests) * 1e3,
      },
    ];
  });
}

const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "–";
/** About two significant digits, for ratios and small times. */
const sig = (n: number) =>
  !Number.isFinite(n) ? "–" : n === 0 ? "0" : n >= 10 ? fmt(n, 0) : n >= 1 ? fmt(n, 1) : fmt(n, 2);
const ms = (n: number) => (Number.isFinite(n) && n >= 100 ? fmt(n, 0) : sig(n));
/** autocannon's latencies have a resolution of 1 ms. */
const lat = (n: number) => (n < 1 ? "<1" : ms(n));

const kb = (bytes: number) => fmt(bytes / 1024);
/** "419 KB", or "235–419 KB (median 419)" when the pages differed. */
function htmlSize(pages: PageResult[]): string {
  const all = pages.map((p) => p.htmlBytes);
  const min = Math.min(...all.map((h) => h.min));
  const max = Math.max(...all.map((h) => h.max));
  const p50 = all[0]?.p50 ?? Number.NaN;
  return kb(min) === kb(max) ? `${kb(max)} KB` : `${kb(min)}–${kb(max)} KB (median ${kb(p50)} KB)`;
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

const FLOOR_LABEL: Record<Target, string> = {
  product: "",
  floor: "the product's statements",
  "floor-one-statement": "hydrating the page in one statement",
};

export function markdown(
  results: Results,
  variants: { id: VariantId; label: string; targets: Target[] }[],
): string {
  const { config, machine } = results;
  const conns = config.connections;
  const at = (variant: VariantId, target: Target, c: number) =>
    results.aggregates.find(
      (a) => a.variant === variant && a.target === target && a.connections === c,
    );
  const each = (f: (c: number) => string) => conns.map(f).join(" / ");
  const atConns = conns.map((c) => `@${c}`).join(" / ");
  const pairs = variants.flatMap((v) =>
    v.targets.filter((t) => t !== "product").map((floor) => ({ v, floor })),
  );
  const floorName = (v: { id: VariantId }, floor: Target) =>
    v.id === "health" ? "liveness, no I/O" : FLOOR_LABEL[floor];

  const throughput = table(
    ["request", "floor", `product rps ${atConns}`, `floor rps ${atConns}`, "product ÷ floor"],
    pairs.map(({ v, floor }) => [
      v.label,
      floorName(v, floor),
      each((c) => fmt(at(v.id, "product", c)?.rps ?? Number.NaN)),
      each((c) => fmt(at(v.id, floor, c)?.rps ?? Number.NaN)),
      each((c) =>
        sig((at(v.id, "product", c)?.rps ?? Number.NaN) / (at(v.id, floor, c)?.rps ?? Number.NaN)),
      ),
    ]),
  );
  const latency = table(
    [
      "request",
      "floor",
      ...conns.flatMap((c) => [`product p50 / p99 ms @${c}`, `floor p50 / p99 ms @${c}`]),
    ],
    pairs.map(({ v, floor }) => [
      v.label,
      floorName(v, floor),
      ...conns.flatMap((c) =>
        [at(v.id, "product", c), at(v.id, floor, c)].map((a) =>
          a ? `${lat(a.p50)} / ${lat(a.p99)}` : "–",
        ),
      ),
    ]),
  );
  const cpu = table(
    [
      "request",
      "floor",
      `product Node ms ${atConns}`,
      `floor Node ms ${atConns}`,
      "Node product ÷ floor",
      `product PostgreSQL ms ${atConns}`,
      `floor PostgreSQL ms ${atConns}`,
      "PostgreSQL product ÷ floor",
    ],
    pairs.map(({ v, floor }) => {
      const node = (t: Target, c: number) => at(v.id, t, c)?.nodeCpuMsPerRequest ?? Number.NaN;
      const pgc = (t: Target, c: number) => at(v.id, t, c)?.pgCpuMsPerRequest ?? Number.NaN;
      return [
        v.label,
        floorName(v, floor),
        each((c) => sig(node("product", c))),
        each((c) => sig(node(floor, c))),
        each((c) => sig(node("product", c) / node(floor, c))),
        each((c) => sig(pgc("product", c))),
        each((c) => sig(pgc(floor, c))),
        each((c) => sig(pgc("product", c) / pgc(floor, c))),
      ];
    }),
  );
  const wireOf = (variant: VariantId | "page", target: Target) =>
    results.wire.find((w) => w.variant === variant && w.target === target);
  const counts = (w: WireResult | undefined) =>
    w ? `${sig(w.pg.statements)} / ${sig(w.pg.roundTrips)}` : "–";
  const redisCounts = (w: WireResult | undefined) =>
    w?.redis ? `${sig(w.redis.statements)} / ${sig(w.redis.roundTrips)}` : "–";
  const wire = table(
    [
      "request",
      "product SQL statements / round trips",
      "product Redis commands / round trips",
      "floor SQL statements / round trips",
      "one-statement floor",
    ],
    [
      ...variants.map((v) => [
        v.label,
        counts(wireOf(v.id, "product")),
        redisCounts(wireOf(v.id, "product")),
        counts(wireOf(v.id, "floor")),
        v.targets.includes("floor-one-statement")
          ? counts(wireOf(v.id, "floor-one-statement"))
          : "",
      ]),
      [
        "board page (server-rendered)",
        counts(wireOf("page", "product")),
        redisCounts(wireOf("page", "product")),
        "",
        "",
      ],
    ],
  );
  const offered = table(
    ["request", "server", "offered rps (½ of its max)", "p50 ms", "p99 ms", "p99 ÷ p50"],
    results.offered.map((o) => [
      variants.find((v) => v.id === o.variant)?.label ?? o.variant,
      o.target,
      fmt(o.rate),
      lat(o.result.latency.p50),
      lat(o.result.latency.p99),
      sig(o.result.latency.p99 / o.result.latency.p50),
    ]),
  );
  const pageWire = wireOf("page", "product");
  const transactions = pageWire?.trace.filter((s) => /^\s*BEGIN\b/i.test(s.text)).length ?? 0;
  const sessionLookups =
    pageWire?.trace.filter(
      // Prisma's generated lookup or the product's own one-statement join (auth session.ts).
      (s) =>
        /^\s*SELECT\b/i.test(s.text) && /FROM\s+("public"\.)?"?auth_sessions"?\s/i.test(s.text),
    ).length ?? 0;
  const first = results.page[0];
  const page = table(
    [
      "users",
      "pages/s",
      "first byte p50 / p99 ms",
      "board's cards p50 / p99 ms",
      "last byte p50 / p99 ms",
      "Node CPU ms/page",
      "PostgreSQL CPU ms/page",
    ],
    results.page.map((p) => [
      String(p.users),
      sig(p.pagesPerSecond),
      `${ms(p.firstByteMs.p50)} / ${ms(p.firstByteMs.p99)}`,
      `${ms(p.boardMs.p50)} / ${ms(p.boardMs.p99)}`,
      `${ms(p.lastByteMs.p50)} / ${ms(p.lastByteMs.p99)}`,
      ms(p.nodeCpuMsPerPage),
      ms(p.pgCpuMsPerPage),
    ]),
  );
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(" ");
  return [
    `Measured ${results.date.slice(0, 10)} (${config.quick ? "quick" : "full"} run, ${fmt(results.runSeconds)} s): ` +
      `${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Linux ${machine.kernel}, Node ${machine.node}, ` +
      `${machine.postgres.split(" on ")[0] ?? machine.postgres}; load average before / after: ${load(machine.loadBefore)} / ` +
      `${load(machine.loadAfter)}. Scale: ${fmt(config.seededTasks)} tasks over ${config.orgs} organizations; the ` +
      `${config.tenants} measured organizations hold ${fmt(config.tenantTasks)} tasks each. ${config.rounds} round(s) of ` +
      `${config.durationS} s per server and connection count (after ${config.warmupS} s of warm-up), alternating.`,
    "",
    "Throughput (each request answers byte-identical JSON from product and floor):",
    "",
    throughput,
    "",
    "Latency:",
    "",
    latency,
    "",
    "CPU per request (the server's process tree; the PostgreSQL backends of its pool):",
    "",
    cpu,
    "",
    "Statements and round trips per request, counted at the wire:",
    "",
    wire,
    "",
    `Offered load (${config.offeredS} s at 10 connections):`,
    "",
    offered,
    "",
    `Board page (\`/o/<slug>/projects/<id>\`, 4 columns of 25 cards, signed-in cookie): ` +
      `${htmlSize(results.page)} of HTML (${fmt((first?.transferBytes ?? 0) / 1024)} KB gzip), ` +
      `${sig(pageWire?.pg.statements ?? Number.NaN)} SQL statements in ${transactions} transactions ` +
      `(${sessionLookups} session lookups), ${pageWire?.redis ? sig(pageWire.redis.statements) : "–"} Redis commands:`,
    "",
    page,
    ...(results.orgSize.length > 0 ? ["", orgSizeTable(results.orgSize, config.sizeRequests)] : []),
  ].join("\n");
}
