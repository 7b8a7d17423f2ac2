// A real server for the client's tests: the app router over HTTP (tRPC's standalone adapter, superjson) plus the
// token-login route, on a free port, against the test database. No Next.js, but the same context the web app builds.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";

import { appRouter, createInnerTRPCContext, tokenLogin } from "@tenantry/api";
import { bearerToken } from "@tenantry/auth";
import { db } from "@tenantry/core/testing";

const headerOf = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) ?? null;

export async function startServer(): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/api/trpc/",
    createContext: ({ req }) =>
      createInnerTRPCContext({
        db,
        session: null,
        bearerToken: bearerToken(headerOf(req.headers.authorization)),
        client: {
          ip: req.socket.remoteAddress ?? "",
          userAgent: headerOf(req.headers["user-agent"]) ?? "",
        },
        organization: headerOf(req.headers["x-tenantry-org"]),
      }),
  });
  const server = createServer((req, res) => {
    if (req.method === "POST" && req.url === "/api/auth/token") {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        void (async () => {
          const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          const result = await tokenLogin(db, body, { ip: "127.0.0.1", userAgent: "test" });
          res.writeHead(result.ok ? 200 : 401, { "content-type": "application/json" });
          res.end(
            JSON.stringify(
              result.ok ? result.tokens : { message: "Email or password is incorrect" },
            ),
          );
        })();
      });
      return;
    }
    trpc(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
