// Two production web processes behind one address (a round-robin proxy, no stickiness), sharing one database and
// one Redis, as the scale-out deployment runs them (docs/scaling.md): a session made through one works on the other,
// and the sign-in limit counts attempts on both together — a limit kept in one process's memory would let an
// attacker multiply it by the number of processes.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, request as playwrightRequest, test } from "@playwright/test";

import type { TestDatabase } from "@tenantry/db/testing";
import { provisionTestDatabase } from "@tenantry/db/testing";

import type { RoundRobinProxy } from "../../support/round-robin-proxy";
import type { AppServer } from "../../support/server";
import { DEMO, signInApi } from "../../support/auth";
import { startRoundRobinProxy } from "../../support/round-robin-proxy";
import { seedDatabase, startAppServer } from "../../support/server";

test.describe.configure({ mode: "serial" });

// eslint-disable-next-line no-restricted-syntax -- the same Redis the servers inherit (unset: memory limiters)
const sharedRedis = Boolean(process.env.REDIS_URL);
const IP_LIMIT = 4;

let database: TestDatabase;
let proxy: RoundRobinProxy;
let servers: AppServer[] = [];
let api: APIRequestContext;

const upstreamOf = (res: APIResponse) => res.headers()["x-e2e-upstream"];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  database = await provisionTestDatabase({ label: "e2e_two_web" });
  await seedDatabase(database.adminUrl);
  const started = await startRoundRobinProxy();
  proxy = started;
  // What makes them one deployment: the same secret, the same public URL and the same limiter namespace.
  const shared = {
    AUTH_SECRET: `two-web-${database.databaseName}`,
    AUTH_URL: proxy.baseUrl,
    AUTH_RATE_LIMIT_PREFIX: `e2e-two-web-${database.databaseName}`,
    AUTH_SIGNIN_IP_LIMIT: String(IP_LIMIT),
  };
  servers = await Promise.all(
    [0, 1].map(() => startAppServer({ databaseUrl: database.appUrl, env: shared })),
  );
  started.setUpstreams(servers.map((server) => server.baseUrl));
  api = await playwrightRequest.newContext({ baseURL: proxy.baseUrl });
});

test.afterAll(async () => {
  await api.dispose();
  await proxy.close();
  await Promise.all(servers.map((server) => server.stop()));
  await database.drop();
});

test("a cookie session signed in through the pair works on both processes", async () => {
  // The sign-in itself already spans both: CSRF token from one, credentials callback to the other.
  await signInApi(api);
  const answers = await Promise.all(
    [0, 1, 2, 3].map(async () => {
      const res = await api.get("/api/trpc/session.list");
      const body = (await res.json()) as {
        result?: { data: { json: { id: string; current: boolean }[] } };
      };
      const current = body.result?.data.json.find((session) => session.current);
      return { status: res.status(), upstream: upstreamOf(res), current: current?.id };
    }),
  );
  expect(new Set(answers.map((a) => a.upstream))).toEqual(new Set(["0", "1"]));
  expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
  // The same session, whichever process looked it up.
  expect(new Set(answers.map((a) => a.current)).size).toBe(1);
  expect(answers[0]?.current).toEqual(expect.any(String));
});

test("a bearer token issued by one process is accepted by the other", async () => {
  const login = await api.post("/api/auth/token", { data: DEMO });
  expect(login.status()).toBe(200);
  const issuer = upstreamOf(login);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const uses = [];
  for (let i = 0; i < 2; i++) {
    const res = await api.get("/api/trpc/session.list", {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    uses.push({ status: res.status(), upstream: upstreamOf(res) });
  }
  expect(uses.map((u) => u.status)).toEqual([200, 200]);
  expect(uses.map((u) => u.upstream)).toContain(issuer === "0" ? "1" : "0");
});

test(
  sharedRedis
    ? "the per-IP sign-in limit is one limit across both processes (shared Redis)"
    : "without Redis each process keeps its own sign-in limit (why production sets REDIS_URL)",
  async () => {
    let counter = 0;
    const failedSignIn = async () => {
      counter += 1;
      const res = await api.post("/api/auth/token", {
        data: {
          email: `two-web-${Date.now()}-${counter}@example.test`,
          password: "wrong password",
        },
      });
      return { status: res.status(), upstream: upstreamOf(res) };
    };
    // The earlier tests' sign-ins succeeded and failures alone count, so the whole budget is left. Fresh emails
    // each time: only the per-IP limit (all requests come from the proxy's loopback address) can refuse them.
    const allowed = sharedRedis ? IP_LIMIT : IP_LIMIT * 2;
    const attempts = [];
    for (let i = 0; i < allowed + 2; i++) attempts.push(await failedSignIn());
    expect(new Set(attempts.map((a) => a.upstream))).toEqual(new Set(["0", "1"]));
    expect(attempts.slice(0, allowed).map((a) => a.status)).toEqual(Array(allowed).fill(401));
    // Refused by both processes, each having seen only part of the attempts.
    const refused = attempts.slice(allowed);
    expect(refused.map((a) => a.status)).toEqual([429, 429]);
    expect(new Set(refused.map((a) => a.upstream))).toEqual(new Set(["0", "1"]));
  },
);
