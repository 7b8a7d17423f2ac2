// The counting phase of bench:http: product and floor behind counting proxies (wire-proxy.ts) — statements and round
// trips per request at the PostgreSQL and Redis wire, and the statements of one request, for each variant and the
// board page.
import type { WireResult } from "./report.ts";
import type { SeededOrg } from "./seed.ts";
import type { TracedStatement, WireCounts } from "./wire-proxy.ts";
import { CONFIG, env, log, PASSWORD } from "./config.ts";
import { browserSignIn, fetchPage, tokenLogin } from "./http-client.ts";
import { startFloor, startProduct } from "./servers.ts";
import { get, VARIANTS, withTarget } from "./variants.ts";
import { countsSince, PgCountingProxy, RedisCountingProxy } from "./wire-proxy.ts";

export interface CountingOptions {
  /** The application role's URL of the run's database: the proxies forward to its host. */
  appUrl: URL;
  redisUrl: string | undefined;
  authSecret: string;
  redisPrefix: string;
  attachmentsDir: string;
  measured: SeededOrg;
  /** Registers a cleanup that runs whatever happens. */
  defer: (fn: () => Promise<unknown>) => void;
}

const withPort = (url: URL, port: number) => {
  const copy = new URL(url);
  copy.hostname = "127.0.0.1";
  copy.port = String(port);
  return copy.toString();
};

export async function countWire(opts: CountingOptions): Promise<WireResult[]> {
  const { appUrl, redisUrl, authSecret, redisPrefix, attachmentsDir, measured, defer } = opts;
  log("counting phase: product and floor behind the wire proxies");
  const pgProxy = new PgCountingProxy({ host: appUrl.hostname, port: Number(appUrl.port || 5432) });
  await pgProxy.listen();
  defer(() => pgProxy.close());
  let redisProxy: RedisCountingProxy | null = null;
  if (redisUrl) {
    const target = new URL(redisUrl);
    redisProxy = new RedisCountingProxy({
      host: target.hostname,
      port: Number(target.port || 6379),
    });
    await redisProxy.listen();
    const proxy = redisProxy;
    defer(() => proxy.close());
  }
  const proxiedRedisUrl = (() => {
    if (!redisUrl || !redisProxy) return undefined;
    const u = new URL(redisUrl);
    u.hostname = "127.0.0.1";
    u.port = String(redisProxy.port);
    return u.toString();
  })();

  const wire: WireResult[] = [];
  const product = await startProduct({
    databaseUrl: withPort(appUrl, pgProxy.port),
    redisUrl: proxiedRedisUrl,
    authSecret,
    rateLimitPrefix: `${redisPrefix}-count`,
    attachmentsDir,
    baseEnv: env,
  });
  defer(() => product.stop());
  const floor = await startFloor({
    databaseUrl: withPort(appUrl, pgProxy.port),
    authSecret,
    appRole: CONFIG.appRole,
    poolMax: CONFIG.poolMax,
    baseEnv: env,
  });
  defer(() => floor.stop());
  const apiUser = measured.users[1];
  if (!apiUser) throw new Error("no API user");
  const token = await tokenLogin(product.origin, apiUser.email, PASSWORD);

  const count = async (
    send: () => Promise<void>,
    n: number,
  ): Promise<{
    pg: WireCounts;
    redis: WireCounts | null;
    trace: TracedStatement[];
    redisTrace: string[];
  }> => {
    for (let i = 0; i < 3; i++) await send(); // pools, caches and the session's one-time writes settle first
    const pgBefore = pgProxy.snapshot();
    const redisBefore = redisProxy?.snapshot() ?? null;
    for (let i = 0; i < n; i++) await send();
    const pgCounts = countsSince(pgBefore, pgProxy.snapshot());
    const redisCounts =
      redisProxy && redisBefore ? countsSince(redisBefore, redisProxy.snapshot()) : null;
    pgProxy.startTrace();
    redisProxy?.startTrace();
    await send();
    const trace = pgProxy.stopTrace();
    const redisTrace = (redisProxy?.stopTrace() ?? []).map((s) => s.text);
    const per = (c: WireCounts): WireCounts => ({
      statements: c.statements / n,
      roundTrips: c.roundTrips / n,
      connections: c.connections,
      bytesToServer: c.bytesToServer / n,
      bytesToClient: c.bytesToClient / n,
    });
    return { pg: per(pgCounts), redis: redisCounts ? per(redisCounts) : null, trace, redisTrace };
  };

  for (const variant of VARIANTS) {
    for (const target of variant.targets) {
      const server = target === "product" ? product : floor;
      const r = withTarget(variant.request(measured, token), target);
      const counted = await count(async () => {
        const res = await get(server, r);
        if (res.status !== 200) throw new Error(`${target} ${variant.id}: HTTP ${res.status}`);
      }, CONFIG.countRequests);
      wire.push({
        variant: variant.id,
        target,
        ...counted,
      });
      log(
        `  ${variant.id} ${target}: ${counted.pg.statements.toFixed(1)} statements, ` +
          `${counted.pg.roundTrips.toFixed(1)} round trips, Redis ${counted.redis?.statements.toFixed(1) ?? "-"} commands / ` +
          `${counted.redis?.roundTrips.toFixed(1) ?? "-"} round trips`,
      );
    }
  }
  if (!CONFIG.only) {
    const pageUser = measured.users[2];
    if (!pageUser) throw new Error("no page user");
    const cookie = await browserSignIn(product.origin, pageUser.email, PASSWORD);
    const pagePath = `/o/${measured.slug}/projects/${measured.boardProjectId}`;
    const counted = await count(
      async () => {
        const page = await fetchPage(product.origin, pagePath, cookie);
        if (page.status !== 200) throw new Error(`board page: HTTP ${page.status}`);
      },
      Math.max(2, Math.ceil(CONFIG.countRequests / 3)),
    );
    wire.push({
      variant: "page",
      target: "product",
      ...counted,
    });
    log(
      `  board page: ${counted.pg.statements.toFixed(1)} statements, ${counted.pg.roundTrips.toFixed(1)} round trips`,
    );
  }
  await product.stop();
  await floor.stop();
  return wire;
}
