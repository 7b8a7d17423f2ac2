// Whether a list costs what its page costs, not what the organization holds (issue 12): the same task.list requests
// against two organizations of identical shape but different size (BENCH_ORG_SIZES, 1,000 and 100,000 tasks), sent
// one at a time and interleaved (small, large, small, …) so that machine load hits both alike; the medians' ratio.
import type { RawResponse } from "./http-client.ts";
import type { SeededOrg } from "./seed.ts";
import { request } from "./http-client.ts";

/** The middle value (the lower one of an even count), as report.ts takes it. */
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? Number.NaN;

export interface OrgSizeResult {
  request: string;
  /** Per organization, in the order of the sizes. */
  sizes: { tasks: number; p50Ms: number; items: number }[];
  /** Largest organization's median ÷ smallest's. */
  ratio: number;
}

interface SizeRequest {
  label: string;
  input: Record<string, unknown>;
}

/** An organization-wide first page, a title search, a two-field filter and the due-date sort, 50 tasks each. */
const REQUESTS: SizeRequest[] = [
  { label: "first page (newest)", input: { limit: 50 } },
  { label: "search `billing`", input: { search: "billing", limit: 50 } },
  {
    label: "filter: in progress, high priority",
    input: { status: ["IN_PROGRESS"], priority: ["HIGH"], limit: 50 },
  },
  { label: "sorted by due date", input: { sort: "due", limit: 50 } },
];

const trpcPath = (input: unknown) =>
  `/api/trpc/task.list?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

export async function measureOrgSizes(opts: {
  origin: string;
  orgs: { org: SeededOrg; tasks: number; token: string }[];
  requests: number;
  log: (msg: string) => void;
}): Promise<OrgSizeResult[]> {
  const results: OrgSizeResult[] = [];
  for (const r of REQUESTS) {
    const send = async (o: (typeof opts.orgs)[number]): Promise<{ ms: number; items: number }> => {
      const started = performance.now();
      const res: RawResponse = await request(opts.origin, trpcPath(r.input), {
        headers: { authorization: `Bearer ${o.token}`, "x-tenantry-org": o.org.id },
      });
      const ms = performance.now() - started;
      if (res.status !== 200) throw new Error(`org size, ${r.label}: HTTP ${res.status}`);
      const body = JSON.parse(res.body.toString()) as {
        result: { data: { json: { items: unknown[] } } };
      };
      return { ms, items: body.result.data.json.items.length };
    };
    const timings = opts.orgs.map(() => [] as number[]);
    const items = opts.orgs.map(() => 0);
    for (let i = 0; i < 5; i++) for (const o of opts.orgs) await send(o); // warm-up
    for (let i = 0; i < opts.requests; i++) {
      for (const [k, o] of opts.orgs.entries()) {
        const t = await send(o);
        timings[k]?.push(t.ms);
        items[k] = t.items;
      }
    }
    const sizes = opts.orgs.map((o, k) => ({
      tasks: o.tasks,
      p50Ms: median(timings[k] ?? []),
      items: items[k] ?? 0,
    }));
    const first = sizes[0];
    const last = sizes.at(-1);
    const ratio = first && last ? last.p50Ms / first.p50Ms : Number.NaN;
    results.push({ request: r.label, sizes, ratio });
    opts.log(
      `  ${r.label}: ${sizes.map((s) => `${s.tasks} tasks ${s.p50Ms.toFixed(1)} ms (${s.items} items)`).join(", ")}; ratio ${ratio.toFixed(2)}`,
    );
  }
  return results;
}

export function orgSizeTable(results: OrgSizeResult[], requests: number): string {
  const first = results[0];
  if (!first) return "";
  const fmt = (n: number) => n.toLocaleString("en-US");
  const header = [
    "`task.list` (50 per page)",
    ...first.sizes.map((s) => `${fmt(s.tasks)} tasks p50 ms`),
    "largest ÷ smallest",
  ];
  const rows = results.map((r) => [
    r.request,
    ...r.sizes.map((s) => s.p50Ms.toFixed(1)),
    r.ratio.toFixed(2),
  ]);
  return [
    `Organization size (the same requests against organizations of ${first.sizes.map((s) => fmt(s.tasks)).join(" and ")} tasks, ` +
      `identical shape; median of ${requests} sequential requests each, interleaved):`,
    "",
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
  ].join("\n");
}
