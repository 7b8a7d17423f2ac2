// The bench:http knobs (bench/README.md, "bench:http"), read once from the environment, and the run's shared constants.
import { randomBytes } from "node:crypto";

// eslint-disable-next-line no-restricted-syntax -- benchmark knobs, read once here
export const env = process.env;
const QUICK = env.BENCH_QUICK === "1";
const knob = (name: string, full: number, quick: number): number => {
  const raw = env[name];
  const value = raw === undefined || raw === "" ? (QUICK ? quick : full) : Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number, got ${raw}`);
  return value;
};
export const CONFIG = {
  quick: QUICK,
  orgs: knob("BENCH_ORGS", 20, 20),
  tasks: knob("BENCH_TASKS", 1_000_000, 50_000),
  tenants: knob("BENCH_TENANTS", 8, 4),
  tenantTasks: knob("BENCH_TENANT_TASKS", 10_000, 10_000),
  durationS: knob("BENCH_DURATION_S", 5, 2),
  warmupS: knob("BENCH_WARMUP_S", 2, 1),
  rounds: knob("BENCH_ROUNDS", 3, 1),
  connections: (env.BENCH_CONNECTIONS ?? "10,50").split(",").map(Number),
  offeredS: knob("BENCH_OFFERED_S", 10, 3),
  pages: knob("BENCH_PAGES", 20, 6),
  countRequests: knob("BENCH_COUNT_REQUESTS", 10, 5),
  /** Organizations of these task counts for the size comparison (org-size.ts); empty: none. */
  orgSizes: (env.BENCH_ORG_SIZES ?? "1000,100000").split(",").filter(Boolean).map(Number),
  sizeRequests: knob("BENCH_SIZE_REQUESTS", 40, 20),
  skipBuild: env.BENCH_SKIP_BUILD === "1",
  /** Measure only these requests (comma-separated ids, e.g. `task.list`, `org-size`): no board page, offered load or README. */
  only: env.BENCH_ONLY ? env.BENCH_ONLY.split(",") : null,
  writeReadme: env.BENCH_WRITE_README === "1",
  /** The product's DATABASE_POOL_MAX default; the floor gets the same. */
  poolMax: 10,
  appRole: "tenantry_app",
  page: 50,
};
/** Every seeded user's password: the API clients and the board page's users sign in with it. */
export const PASSWORD = `bench-${randomBytes(9).toString("hex")}`;
export const PRODUCT_APP_NAME = "tenantry";
export const FLOOR_APP_NAME = "tenantry-floor";

export const log = (msg: string) =>
  console.log(`[bench:http ${new Date().toISOString().slice(11, 19)}] ${msg}`);
