// The web process's HTTP edge, around a plain handler instead of Next.js: one JSON log line per request with its
// request id, the request metrics, and a graceful shutdown that finishes requests in flight, takes no new work and
// lets the process exit within its deadline.
import { spawn } from "node:child_process";
import http from "node:http";
import { connect } from "node:net";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { createLogger } from "@tenantry/core/observability/logger";
import { renderMetrics } from "@tenantry/core/observability/metrics";
import { annotateActor, annotateRoute } from "@tenantry/core/observability/request-context";
import {
  isShuttingDown,
  resetShutdownForTests,
  runShutdown,
} from "@tenantry/core/observability/shutdown";

import type { RequestHandler } from "./http-server";
import { createWebServer, routeLabel } from "./http-server";

interface LogLine {
  msg: string;
  requestId?: string;
  method?: string;
  path?: string;
  route?: string;
  status?: number;
  durationMs?: number;
  organizationId?: string;
  userId?: string;
  service?: string;
  authorization?: string;
}

function capture() {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
        lines.push(JSON.parse(line) as LogLine);
      }
      done();
    },
  });
  return { lines, log: createLogger("web", { level: "info", destination }) };
}

async function start(handle: RequestHandler) {
  const { lines, log } = capture();
  const web = createWebServer({ log, handle });
  await new Promise<void>((resolve) => web.server.listen(0, "127.0.0.1", resolve));
  const { port } = web.server.address() as AddressInfo;
  return { ...web, lines, base: `http://127.0.0.1:${port}`, port };
}

/** A GET through node:http (fetch would hide the Connection header), on `agent`. */
function get(url: string, agent: http.Agent, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      http
        .get(url, { agent, headers }, (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        })
        .on("error", reject);
    },
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let servers: http.Server[] = [];
beforeEach(() => resetShutdownForTests());
afterEach(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  servers = [];
  resetShutdownForTests();
});

describe("request logging and request ids", () => {
  it("logs one JSON line per request with its id, route, status, duration, organization and actor, no secrets", async () => {
    const web = await start((req, res) => {
      if (req.url?.startsWith("/api/trpc/")) {
        annotateRoute("project.list");
        annotateActor({ userId: "user-1", organizationId: "org-1", apiKeyId: null });
      }
      res.writeHead(200).end("ok");
      return Promise.resolve();
    });
    servers.push(web.server);
    const agent = new http.Agent();
    const given = await get(
      `${web.base}/api/trpc/project.list?input=%7B%22secret%22%3A1%7D`,
      agent,
      {
        "x-request-id": "edge-42.a:b",
        authorization: "Bearer tnt_secret_token",
        cookie: "authjs.session-token=abc",
      },
    );
    const generated = await get(`${web.base}/sign-in`, agent, {
      "x-request-id": "bad id <script>",
    });
    agent.destroy();

    expect(given.headers["x-request-id"]).toBe("edge-42.a:b");
    // An unsafe id is replaced by a fresh one, never echoed.
    expect(generated.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => web.lines.filter((l) => l.msg === "request").length).toBe(2);
    const [first, second] = web.lines.filter((l) => l.msg === "request");
    expect(first).toMatchObject({
      service: "web",
      requestId: "edge-42.a:b",
      method: "GET",
      path: "/api/trpc/project.list",
      route: "project.list",
      status: 200,
      organizationId: "org-1",
      userId: "user-1",
    });
    expect(typeof first?.durationMs).toBe("number");
    expect(second).toMatchObject({
      requestId: generated.headers["x-request-id"],
      route: "page",
      status: 200,
    });
    const text = JSON.stringify(web.lines);
    expect(text).not.toContain("tnt_secret_token");
    expect(text).not.toContain("session-token");
    expect(text).not.toContain("secret%22");
  });

  it("censors credentials in logged objects", () => {
    const { lines, log } = capture();
    log.info(
      {
        headers: { authorization: "Bearer abc", cookie: "s=1" },
        token: "t",
        user: { password: "p" },
      },
      "probe",
    );
    expect(lines[0]).toMatchObject({
      headers: { authorization: "[redacted]", cookie: "[redacted]" },
      token: "[redacted]",
      user: { password: "[redacted]" },
    });
  });

  it("counts requests into the latency histogram by route and status", async () => {
    const web = await start((_req, res) => {
      annotateRoute("GET /api/v1/projects/{id}");
      res.writeHead(404).end();
      return Promise.resolve();
    });
    servers.push(web.server);
    const agent = new http.Agent();
    await get(`${web.base}/api/v1/projects/0190-x`, agent);
    agent.destroy();
    await expect
      .poll(async () => (await renderMetrics()).body)
      .toMatch(
        /tenantry_http_request_duration_seconds_count\{method="GET",route="GET \/api\/v1\/projects\/\{id\}",status="404"\} 1/,
      );
    expect((await renderMetrics()).body).toMatch(
      /tenantry_http_requests_total\{method="GET",route="GET \/api\/v1\/projects\/\{id\}",status="404"\} 1/,
    );
  });

  it("keeps unannotated paths to a bounded set of labels", () => {
    expect(routeLabel("/_next/static/chunks/a.js", [])).toBe("static");
    expect(routeLabel("/o/acme/projects", [])).toBe("page");
    expect(routeLabel("/api/audit/export", [])).toBe("/api/audit/export");
    expect(routeLabel("/api/v1/tasks/0190c0de-0000-7000-8000-000000000001/attachments", [])).toBe(
      "/api/v1/tasks/:id",
    );
    expect(routeLabel("/api/trpc/a,b", ["a", "b"])).toBe("trpc batch");
    // A REST route runs its procedure through tRPC, which annotates it too: the route template names the request.
    expect(routeLabel("/api/v1/projects", ["GET /api/v1/projects", "project.list"])).toBe(
      "GET /api/v1/projects",
    );
  });
});

describe("graceful shutdown", () => {
  it("fails readiness, closes idle keep-alive connections, finishes in-flight requests with Connection: close and refuses new connections", async () => {
    const web = await start(async (req, res) => {
      if (req.url === "/slow") await sleep(600);
      res.writeHead(200).end("done");
    });
    servers.push(web.server);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
    // An idle kept-alive connection from an earlier request.
    expect((await get(`${web.base}/fast`, agent)).headers.connection).toBe("keep-alive");
    const idle = connect(web.port, "127.0.0.1");
    await new Promise((resolve) => idle.once("connect", resolve));
    const idleClosed = new Promise((resolve) => idle.once("close", resolve));

    const inFlight = Promise.all([1, 2, 3].map(() => get(`${web.base}/slow`, agent)));
    await sleep(100);
    const started = performance.now();
    const shutdown = runShutdown(3_000);
    expect(isShuttingDown()).toBe(true);
    await sleep(50);

    // No new connection is accepted...
    await expect(get(`${web.base}/fast`, new http.Agent())).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
    await idleClosed;
    // ...and every request in flight is answered, telling its client not to reuse the connection.
    const answers = await inFlight;
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toBe("done");
      expect(answer.headers.connection).toBe("close");
    }
    const outcome = await shutdown;
    expect(outcome.failed).toEqual([]);
    expect(outcome.timedOut).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(web.inFlight()).toBe(0);
    expect(web.server.listening).toBe(false);
    agent.destroy();
  });

  it("answers 503 with Connection: close to a request arriving on an open connection after shutdown began", async () => {
    const web = await start(async (req, res) => {
      if (req.url === "/slow") await sleep(400);
      res.writeHead(200).end("done");
    });
    servers.push(web.server);
    // One raw connection: a slow request, then (once shutdown began) a second one on the same socket.
    const socket = connect(web.port, "127.0.0.1");
    await new Promise((resolve) => socket.once("connect", resolve));
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString("utf8")));
    const closed = new Promise((resolve) => socket.once("close", resolve));
    socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    await sleep(50);
    const shutdown = runShutdown(2_000);
    await sleep(20);
    socket.write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
    await closed;
    await shutdown;
    const answers = received.split("HTTP/1.1 ").filter(Boolean);
    expect(answers[0]).toMatch(/^200 /);
    expect(answers[0]).toMatch(/connection: close/i);
    // The second request is either refused with 503 or never read (the connection closed after the first answer):
    // never served.
    expect(received).not.toMatch(/done[\s\S]*done/);
    if (answers[1]) expect(answers[1]).toMatch(/^503 /);
  });

  it("cuts requests still running at the deadline, and the shutdown ends within it", async () => {
    const web = await start(async (_req, res) => {
      await sleep(5_000);
      res.writeHead(200).end("late");
    });
    servers.push(web.server);
    const agent = new http.Agent({ keepAlive: true });
    const stuck = get(`${web.base}/stuck`, agent).then(
      () => "answered",
      () => "cut",
    );
    await sleep(100);
    const started = performance.now();
    const outcome = await runShutdown(1_000);
    expect(performance.now() - started).toBeLessThan(1_200);
    expect(outcome.timedOut).toBe(true);
    expect(await stuck).toBe("cut");
    agent.destroy();
  });

  it("a SIGTERMed process finishes its in-flight requests, runs its flush hooks and exits before the deadline", async () => {
    const fixture = path.join(
      path.dirname(fileURLToPath(import.meta.url)),
      "testing/shutdown-fixture.ts",
    );
    const child = spawn(process.execPath, ["--import", "tsx", fixture], {
      // eslint-disable-next-line no-restricted-syntax -- the child needs PATH etc.
      env: { ...process.env, SLOW_MS: "800", SHUTDOWN_DEADLINE_MS: "3000", LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const lines: LogLine[] = [];
    let buffered = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as LogLine);
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    await expect
      .poll(() => lines.find((l) => l.msg === "listening"), { timeout: 30_000 })
      .toBeTruthy();
    const port = (lines.find((l) => l.msg === "listening") as { port?: number }).port;
    const base = `http://127.0.0.1:${port}`;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const inFlight = Promise.all(Array.from({ length: 10 }, () => get(`${base}/slow`, agent)));
    await expect.poll(() => lines.length, { timeout: 5_000 }).toBeGreaterThan(0);
    await sleep(200);
    const signalled = performance.now();
    child.kill("SIGTERM");
    const answers = await inFlight;
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    const code = await exited;
    const exitMs = performance.now() - signalled;
    expect(code).toBe(143);
    expect(exitMs).toBeLessThan(3_000);
    await expect(get(`${base}/fast`, new http.Agent())).rejects.toMatchObject({
      code: "ECONNREFUSED",
    });
    expect(lines.some((l) => l.msg === "flushed")).toBe(true);
    expect(lines.filter((l) => l.msg === "request" && l.path === "/slow")).toHaveLength(10);
    agent.destroy();
  });
});
