// Reads a V8 .cpuprofile (what BENCH_CPU_PROF_DIR makes the product write) and prints where the main thread's busy
// time went: self time summed by package (node_modules package, workspace package, Node's internals, GC) and by
// function. Idle time is left out, so the shares are of the time the thread was working.
//
//   npx tsx http/cpu-profile.ts /tmp/prof/CPU.….cpuprofile [--from-s 8] [--to-s 20] [--top 40] [--inclusive a,b]
//
// `--from-s` / `--to-s` keep the samples between those seconds after the profile started (skip the startup: module
// loading, Next.js's preparation; or pick one measured request's window — `--timeline` prints busy ms per second);
// `--inclusive` adds the total (self + callees) time of the functions whose name or URL contains each pattern.
import { readFileSync } from "node:fs";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--") && !/^\d+$/.test(a));
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
if (!file)
  throw new Error("usage: cpu-profile.ts <file.cpuprofile> [--from-s N] [--to-s N] [--top N]");
const fromUs = Number(option("--from-s") ?? "0") * 1e6;
const toUs = Number(option("--to-s") ?? "Infinity") * 1e6;
const top = Number(option("--top") ?? "40");
const inclusive = (option("--inclusive") ?? "").split(",").filter(Boolean);

const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** The package a script URL belongs to: `next`, `@prisma/client`, `@tenantry/api`, `node:internal`, … */
function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node:internal";
  const modules = url.lastIndexOf("/node_modules/");
  if (modules !== -1) {
    const rest = url.slice(modules + "/node_modules/".length).split("/");
    const name = rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
    return name === ".pnpm" ? (rest[1] ?? url) : name;
  }
  const workspace = /\/(packages|apps)\/([^/]+)\//.exec(url);
  if (workspace) return `@tenantry/${workspace[2]}`;
  return url;
}

const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
const self = new Map<number, number>();
const perSecond: number[] = [];
let elapsed = 0;
for (let i = 0; i < profile.samples.length; i++) {
  elapsed += profile.timeDeltas[i] ?? 0;
  const id = profile.samples[i];
  if (id === undefined) continue;
  // A sample stands for the time until the next one.
  const dt = profile.timeDeltas[i + 1] ?? 0;
  if (byId.get(id)?.callFrame.functionName !== "(idle)") {
    const second = Math.floor(elapsed / 1e6);
    perSecond[second] = (perSecond[second] ?? 0) + dt;
  }
  if (elapsed < fromUs || elapsed >= toUs) continue;
  self.set(id, (self.get(id) ?? 0) + dt);
}
if (args.includes("--timeline")) {
  for (let s = 0; s < perSecond.length; s++)
    console.log(`${String(s).padStart(4)} s ${ms(perSecond[s] ?? 0)}`);
}

/** The first frame up the stack that is not Node's or native: who asked for the work (a socket write, a Buffer). */
function ownerOf(id: number): string {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (!frame) break;
    const pkg = packageOf(frame);
    if (pkg !== "node:internal" && pkg !== "(native)" && pkg !== "(root)") return pkg;
  }
  return "node:internal";
}

const byPackage = new Map<string, number>();
const byOwner = new Map<string, number>();
const byFunction = new Map<string, number>();
let busy = 0;
let idle = 0;
for (const [id, us] of self) {
  const frame = byId.get(id)?.callFrame;
  if (!frame) continue;
  if (frame.functionName === "(idle)") {
    idle += us;
    continue;
  }
  busy += us;
  const pkg = packageOf(frame);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  const owner = ownerOf(id);
  byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
  const where = frame.url
    ? `${frame.url.replace(/^.*\/node_modules\//, "")}:${frame.lineNumber + 1}`
    : "";
  const key = `${frame.functionName || "(anonymous)"} ${where}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}

const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
const print = (title: string, rows: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [key, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`${pct(us)} ${ms(us)}  ${key}`);
};

console.log(`busy ${ms(busy)}, idle ${ms(idle)} (seconds ${fromUs / 1e6} to ${toUs / 1e6})`);
print("self time by package", byPackage, 30);
print(
  "self time by owner (Node's and native frames counted to the package that called them)",
  byOwner,
  30,
);
print("self time by function", byFunction, top);

if (inclusive.length > 0) {
  // A sample counts once for a pattern, however many of its frames match it (recursion).
  const totals = new Map<string, number>(inclusive.map((p) => [p, 0]));
  for (const [id, us] of self) {
    if (byId.get(id)?.callFrame.functionName === "(idle)") continue;
    const matched = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame) break;
      for (const p of inclusive)
        if (frame.functionName.includes(p) || frame.url.includes(p)) matched.add(p);
    }
    for (const p of matched) totals.set(p, (totals.get(p) ?? 0) + us);
  }
  print("inclusive time (self + callees)", totals, inclusive.length);
}
