// Benchmark: do sign-up, password reset and verification resend answer in the same time for registered and unknown
// addresses? Each round calls both paths of a flow in random order (fresh addresses and client IPs, so no limit
// kicks in), through the real tRPC caller. Reported per path: median and quartiles; per flow: the difference of the
// medians and the AUC (the probability that a registered-address call is slower than an unknown-address one; 0.5
// means the two cannot be told apart by time, 1.0 means every registered call was slower).
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

import { createCaller, createInnerTRPCContext, settleBackgroundWork } from "@tenantry/api";
import { createDb } from "@tenantry/db";
import { provisionTestDatabase } from "@tenantry/db/testing";

// eslint-disable-next-line no-restricted-syntax -- benchmark knobs, read once here
const env = process.env;
const ROUNDS = Number(env.BENCH_IDENTITY_ROUNDS ?? 40);
const PASSWORD = "a perfectly fine passphrase";

const database = await provisionTestDatabase({ label: "bench" });
const admin = new pg.Pool({ connectionString: database.adminUrl, max: 2 });
const db = createDb({ connectionString: database.appUrl, poolMax: 4 });

const hex = () => randomBytes(8).toString("hex");
const caller = () =>
  createCaller(
    createInnerTRPCContext({
      db,
      session: null,
      client: { ip: `bench-${hex()}`, userAgent: "bench" },
    }),
  );

/** A registered, active user (no password needed: none of these flows checks one). */
async function registered(verified: boolean): Promise<string> {
  const email = `known-${hex()}@example.test`;
  await admin.query(
    `INSERT INTO users (id, email, name, email_verified, updated_at)
     VALUES (gen_random_uuid(), $1, 'Known', $2, now())`,
    [email, verified ? new Date() : null],
  );
  return email;
}
const unknown = () => `unknown-${hex()}@example.test`;

interface Flow {
  name: string;
  /** The registered-address call; `email` exists. */
  known: (email: string) => Promise<unknown>;
  unknown: (email: string) => Promise<unknown>;
  verified: boolean;
}

const signUp = (email: string) =>
  caller().auth.signUp({
    email,
    name: "Bench",
    password: PASSWORD,
    organizationName: `Org ${hex()}`,
  });
const flows: Flow[] = [
  { name: "auth.signUp", known: signUp, unknown: signUp, verified: true },
  {
    name: "auth.requestPasswordReset",
    known: (email) => caller().auth.requestPasswordReset({ email }),
    unknown: (email) => caller().auth.requestPasswordReset({ email }),
    verified: true,
  },
  {
    name: "auth.resendVerification",
    known: (email) => caller().auth.resendVerification({ email }),
    unknown: (email) => caller().auth.resendVerification({ email }),
    verified: false,
  },
];

async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (at - lo);
}

/** P(known > unknown) over all pairs, ties counting half: the Mann-Whitney U statistic scaled to [0, 1]. */
function auc(known: number[], unknownTimes: number[]): number {
  let wins = 0;
  for (const k of known) for (const u of unknownTimes) wins += k > u ? 1 : k === u ? 0.5 : 0;
  return wins / (known.length * unknownTimes.length);
}

try {
  const rows: Record<string, string | number>[] = [];
  for (const flow of flows) {
    const known: number[] = [];
    const fresh: number[] = [];
    // Warm-up: connections, JIT, the common-password list.
    for (let i = 0; i < 3; i++) {
      await flow.known(await registered(flow.verified));
      await flow.unknown(unknown());
    }
    for (let i = 0; i < ROUNDS; i++) {
      const email = await registered(flow.verified);
      const pair = [
        async () => known.push(await timed(() => flow.known(email))),
        async () => fresh.push(await timed(() => flow.unknown(unknown()))),
      ];
      if (Math.random() < 0.5) pair.reverse();
      for (const run of pair) await run();
    }
    known.sort((a, b) => a - b);
    fresh.sort((a, b) => a - b);
    const medianKnown = quantile(known, 0.5);
    const medianUnknown = quantile(fresh, 0.5);
    for (const [label, samples] of [
      ["registered", known],
      ["unknown", fresh],
    ] as const) {
      rows.push({
        flow: flow.name,
        address: label,
        "p25 ms": quantile(samples, 0.25).toFixed(1),
        "median ms": quantile(samples, 0.5).toFixed(1),
        "p75 ms": quantile(samples, 0.75).toFixed(1),
        "median diff ms": label === "registered" ? (medianKnown - medianUnknown).toFixed(1) : "",
        AUC: label === "registered" ? auc(known, fresh).toFixed(2) : "",
      });
    }
  }
  console.table(rows);
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "results");
  await mkdir(out, { recursive: true });
  const file = path.join(
    out,
    `identity-timing-${new Date().toISOString().replace(/[:.]/g, "-")}.json`,
  );
  await writeFile(
    file,
    JSON.stringify(
      { backend: database.backend, rounds: ROUNDS, node: process.version, rows },
      null,
      2,
    ),
  );
  console.log(`results written to ${path.relative(process.cwd(), file)}`);
} finally {
  // Work that outlived its answer (a loaded machine) must finish before the database goes away.
  await settleBackgroundWork();
  await db.$disconnect();
  await admin.end();
  await database.drop();
}
// The API's mail limiter holds a process-wide Redis connection that nothing here owns: end the run explicitly.
process.exit(0);
