// One address in front of several web processes, as a load balancer puts it: each request goes to the next upstream
// in turn (no stickiness), so a session or a limit that lives in one process's memory shows at once. Each response
// says which upstream answered (x-e2e-upstream) so a spec can prove both took part.
import { createServer, request as httpRequest } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface RoundRobinProxy {
  /** http://localhost:<port>: next-auth builds absolute URLs with localhost. */
  baseUrl: string;
  port: number;
  /** Requests each upstream got so far, by index. */
  counts(): number[];
  close(): Promise<void>;
}

/** Listens first, so the upstreams can be started with the proxy's address as their public URL. */
export async function startRoundRobinProxy(): Promise<
  RoundRobinProxy & { setUpstreams(urls: string[]): void }
> {
  let upstreams: URL[] = [];
  let next = 0;
  const served: number[] = [];

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    if (upstreams.length === 0) {
      res.writeHead(503).end("no upstreams yet");
      return;
    }
    const index = next % upstreams.length;
    next += 1;
    served[index] = (served[index] ?? 0) + 1;
    const target = upstreams[index];
    if (!target) return;
    const upstream = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        // The Host header stays the public one, as behind a real load balancer.
        headers: req.headers,
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, {
          ...upstreamRes.headers,
          "x-e2e-upstream": String(index),
        });
        upstreamRes.pipe(res);
      },
    );
    upstream.once("error", () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  };

  const server = createServer(forward);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = address && typeof address === "object" ? address.port : 0;
  return {
    baseUrl: `http://localhost:${port}`,
    port,
    counts: () => upstreams.map((_, i) => served[i] ?? 0),
    setUpstreams(urls) {
      upstreams = urls.map((url) => new URL(url));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
