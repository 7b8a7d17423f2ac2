// The floor of the HTTP benchmark: bare node:http + pg doing the product's work for the measured requests with the
// fewest layers — verify the bearer access token (jose, the product's key), one statement for session + user +
// membership + organization, the tenant transaction (role, user, organization, member role set as the product sets
// them), the product's own list SQL — and answering the same bytes as the product (tRPC's superjson envelope; the
// benchmark asserts byte equality before it measures). It supports just those requests; anything else is a 400.
//
// task.list has two variants, chosen by the `x-bench-floor` request header:
// - default: the product's statements as Prisma sends them (id query, then the hydration: tasks with the subtask
//   count, projects, assignees, tags, memberships, tag rows, users), so the difference to the product is the
//   layers around the same SQL;
// - `one-statement`: the page and its relations in one statement (lateral joins), what a hand-written query costs.
import http from "node:http";

import { projectList } from "./floor/project-list.ts";
import { taskList } from "./floor/task-list.ts";
import { HttpError, pool } from "./floor/tenant.ts";

// eslint-disable-next-line no-restricted-syntax -- configured by the benchmark runner (servers.ts)
const PORT = Number(process.env.FLOOR_PORT ?? 0);

// ---- HTTP -------------------------------------------------------------------------------------------------------

/** Liveness, as the product's /api/health answers it: no I/O (its readiness check is /api/ready). */
function health(): Promise<string> {
  return Promise.resolve(JSON.stringify({ status: "ok" }));
}

async function route(req: http.IncomingMessage): Promise<string> {
  const url = new URL(req.url ?? "/", "http://floor");
  if (req.method !== "GET") throw new HttpError(405, "GET only");
  switch (url.pathname) {
    case "/api/health":
      return health();
    case "/api/trpc/task.list":
      return taskList(req, url);
    case "/api/trpc/project.list":
      return projectList(req, url);
    default:
      throw new HttpError(404, "not found");
  }
}

const server = http.createServer((req, res) => {
  route(req).then(
    (body) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(body);
    },
    (error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) console.error(error);
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: error instanceof Error ? error.message : "error" }));
    },
  );
});

server.listen(PORT, "127.0.0.1");
const shutdown = () => {
  server.close();
  void pool.end();
};
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
