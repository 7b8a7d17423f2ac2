// A web process for the shutdown test (http-server.test.ts): the real HTTP edge and shutdown sequence of server.ts
// around a handler that answers /slow after SLOW_MS, so the test can SIGTERM it with requests in flight.
import { createLogger } from "@tenantry/core/observability/logger";
import { onShutdown, runShutdown } from "@tenantry/core/observability/shutdown";

import { createWebServer } from "../http-server";

/* eslint-disable no-restricted-syntax -- a test fixture configured by its parent test */
const slowMs = Number(process.env.SLOW_MS ?? "800");
const deadlineMs = Number(process.env.SHUTDOWN_DEADLINE_MS ?? "3000");
/* eslint-enable no-restricted-syntax */

const log = createLogger("web");
const { server } = createWebServer({
  log,
  handle: async (req, res) => {
    if (req.url === "/slow") await new Promise((resolve) => setTimeout(resolve, slowMs));
    res.writeHead(200, { "content-type": "text/plain" }).end("done");
  },
});
onShutdown("flush probe", () => log.info("flushed"), "flush");

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  log.info({ port: typeof address === "object" ? address?.port : 0 }, "listening");
});
process.once("SIGTERM", () => {
  void runShutdown(deadlineMs).then((outcome) => {
    log.info(outcome, "shutdown: done");
    process.exit(143);
  });
});
