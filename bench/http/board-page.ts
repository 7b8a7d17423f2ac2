// The board page measurement of bench:http: the server-rendered board of the measured organization for 1 and 10
// signed-in users — pages per second, first byte, cards and last byte, CPU per page from /proc, HTML size.
import { writeFile } from "node:fs/promises";

import type { CpuProbe } from "./load.ts";
import type { Results } from "./report.ts";
import type { SeededOrg } from "./seed.ts";
import type { RunningServer } from "./servers.ts";
import { CONFIG, env, log, PASSWORD } from "./config.ts";
import { browserSignIn, fetchPage } from "./http-client.ts";
import { pidsCpuSeconds, treeCpuSeconds } from "./proc.ts";
import { median } from "./report.ts";

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

export async function measureBoardPage(
  product: RunningServer,
  probe: CpuProbe,
  measured: SeededOrg,
): Promise<Results["page"]> {
  const page: Results["page"] = [];
  if (!CONFIG.only) log("board page: signing in 10 users");
  const pagePath = `/o/${measured.slug}/projects/${measured.boardProjectId}`;
  const pageUsers = measured.users.slice(1, 11);
  const cookies = await Promise.all(
    (CONFIG.only ? [] : pageUsers).map((u) => browserSignIn(product.origin, u.email, PASSWORD)),
  );
  // Warm-up: every user's first pages (and the render path's JIT) before anything is timed.
  for (let i = 0; i < 2; i++) {
    await Promise.all(cookies.map((c) => fetchPage(product.origin, pagePath, c)));
  }
  for (const users of CONFIG.only ? [] : [1, 10]) {
    const perUser = users === 1 ? CONFIG.pages : Math.max(3, Math.ceil(CONFIG.pages / 2));
    const active = cookies.slice(0, users);
    const backends = await probe.backends();
    const nodeBefore = await treeCpuSeconds(product.pid);
    const pgBefore = await pidsCpuSeconds(backends);
    const wall = performance.now();
    const timings = (
      await Promise.all(
        active.map(async (c) => {
          const mine = [];
          for (let i = 0; i < perUser; i++) {
            mine.push(await fetchPage(product.origin, pagePath, c, measured.boardNewestTodo));
          }
          return mine;
        }),
      )
    ).flat();
    const wallS = (performance.now() - wall) / 1_000;
    const nodeCpuS = (await treeCpuSeconds(product.pid)) - nodeBefore;
    const backendsAfter = [...new Set([...backends, ...(await probe.backends())])];
    let pgCpuS = 0;
    for (const [pid, s] of await pidsCpuSeconds(backendsAfter))
      pgCpuS += s - (pgBefore.get(pid) ?? 0);
    for (const t of timings) {
      if (t.status !== 200 || !t.html.includes(measured.boardNewestTodo)) {
        throw new Error(
          `board page: HTTP ${t.status}, or it does not show ${measured.boardNewestTodo}`,
        );
      }
    }
    const htmlBytes = timings.map((t) => Buffer.byteLength(t.html));
    // BENCH_PAGE_HTML=<file>: one page's HTML kept for reading what the bytes are.
    if (env.BENCH_PAGE_HTML && timings[0]) await writeFile(env.BENCH_PAGE_HTML, timings[0].html);
    page.push({
      users,
      pages: timings.length,
      pagesPerSecond: timings.length / wallS,
      firstByteMs: {
        p50: median(timings.map((t) => t.firstByteMs)),
        p99: percentile(
          timings.map((t) => t.firstByteMs),
          99,
        ),
      },
      boardMs: {
        p50: median(timings.map((t) => t.markerMs)),
        p99: percentile(
          timings.map((t) => t.markerMs),
          99,
        ),
      },
      lastByteMs: {
        p50: median(timings.map((t) => t.lastByteMs)),
        p99: percentile(
          timings.map((t) => t.lastByteMs),
          99,
        ),
      },
      nodeCpuMsPerPage: (nodeCpuS / timings.length) * 1e3,
      pgCpuMsPerPage: (pgCpuS / timings.length) * 1e3,
      htmlBytes: {
        p50: median(htmlBytes),
        min: Math.min(...htmlBytes),
        max: Math.max(...htmlBytes),
      },
      transferBytes: median(timings.map((t) => t.transferBytes)),
    });
    const last = page.at(-1);
    log(
      `  ${users} user(s): ${last?.pagesPerSecond.toFixed(1)} pages/s, first byte p50 ${last?.firstByteMs.p50.toFixed(0)} ms, ` +
        `last byte p50 ${last?.lastByteMs.p50.toFixed(0)} ms`,
    );
  }
  return page;
}
