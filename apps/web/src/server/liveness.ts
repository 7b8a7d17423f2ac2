// /api/health, liveness for process supervisors: 200 while the process serves requests, with no dependency checked
// (a database outage must not get every instance restarted; readiness, with the dependencies, is /api/ready).
// server.ts answers it at its edge, before Next.js (issue 12: Next.js's routing cost 3–4 ms of CPU for this answer),
// with what the route file's answer carries: the JSON body, no-store, the security headers of next.config.ts (HSTS
// over HTTPS only); the edge (http-server.ts) adds the request id, the log line and the metrics as for any request.
// The route file (app/api/health/route.ts) answers the same when Next.js is run without server.ts.
import type { IncomingMessage, ServerResponse } from "node:http";

import { HSTS_HEADER, SECURITY_HEADERS } from "./security-headers";

export const LIVENESS_PATH = "/api/health";
export const LIVENESS_BODY = { status: "ok" } as const;
const BODY = JSON.stringify(LIVENESS_BODY);

/** Whether server.ts answers this request itself: a GET or HEAD of /api/health (any query). */
export function isLivenessRequest(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "";
  return (
    url.startsWith(LIVENESS_PATH) &&
    (url.length === LIVENESS_PATH.length || url[LIVENESS_PATH.length] === "?")
  );
}

/** Answers a request isLivenessRequest accepted; a HEAD gets the headers without the body, as from Next.js. */
export function answerLiveness(req: IncomingMessage, res: ServerResponse): Promise<void> {
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
  // server.ts left X-Forwarded-Proto as the socket's scheme or a trusted proxy's word (forwarded.ts).
  if (req.headers["x-forwarded-proto"] === "https")
    res.setHeader(HSTS_HEADER.key, HSTS_HEADER.value);
  res.setHeader("cache-control", "no-store");
  res.setHeader("content-type", "application/json");
  res.setHeader("content-length", Buffer.byteLength(BODY));
  res.statusCode = 200;
  if (req.method === "HEAD") res.end();
  else res.end(BODY);
  return Promise.resolve();
}
