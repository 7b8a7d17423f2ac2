// The web app's server, in development (`--dev`) and production: Next.js behind a plain node:http server, because
// only here is the socket's address known (Next.js route handlers never see it). Before Next.js handles a request,
// its forwarded headers are resolved per TRUST_PROXY (src/server/forwarded.ts): the app reads the client IP from
// one internal header and trusts X-Forwarded-* only from configured proxies.
import { createServer } from "node:http";
import { constants } from "node:os";

const dev = process.argv.includes("--dev");
// Like `next dev` / `next start`, the mode decides NODE_ENV unless it is set (React and Next.js pick their production
// builds by it), so it is set before they load: the imports below are dynamic for that reason. (Next.js's typings
// declare NODE_ENV always set; before a launcher sets it, it is not.)
/* eslint-disable no-restricted-syntax -- env.ts cannot be loaded before NODE_ENV is settled */
const nodeEnv: string | undefined = process.env.NODE_ENV;
if (!nodeEnv) Object.assign(process.env, { NODE_ENV: dev ? "development" : "production" });
/* eslint-enable no-restricted-syntax */

const { env } = await import("./src/env");
const { applyForwarded, parseTrustProxy } = await import("./src/server/forwarded");
const { default: next } = await import("next");
const { flushUsage } = await import("@tenantry/api");

const trustProxy = parseTrustProxy(env.TRUST_PROXY);
const server = createServer();
const app = next({
  dev,
  dir: import.meta.dirname,
  hostname: "localhost",
  port: env.PORT,
  httpServer: server,
});
await app.prepare();
const handle = app.getRequestHandler();

server.on("request", (req, res) => {
  applyForwarded(req, trustProxy);
  // Next.js answers its own errors; this only catches a failure of the handler itself.
  handle(req, res).catch((error: unknown) => {
    console.error("request handler failed:", error);
    if (res.headersSent) res.destroy();
    else res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
  });
});

server.listen(env.PORT, () => {
  console.log(
    `> Tenantry web (${dev ? "development" : "production"}) on port ${env.PORT}; trusted proxies: ${trustProxy.description}`,
  );
});

/**
 * The one way this process stops: no new connections, Next.js cleans up, exit as a signal-terminated process would.
 * Draining in-flight requests and closing pools belong here too.
 */
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  server.close();
  await app.close();
  // The API requests metered since the last flush (usage/meter.ts) would otherwise be lost.
  await flushUsage().catch((error: unknown) =>
    console.error("usage flush on shutdown failed:", error),
  );
  process.exit(128 + constants.signals[signal]);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, (received) => void shutdown(received));
}
