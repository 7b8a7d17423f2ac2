// Bearer-token tRPC calls answered by server.ts itself, before Next.js (issue 12): an API client's call gains nothing
// from Next.js's routing, its request and response copies and its per-request setup, which cost more CPU than the
// call's own work. The answer is the one the route file gives (both run trpc-endpoint.ts): same CSRF rule, body cap,
// batch cap, context, error mapping, rate-limit headers and request id, and the security headers next.config.ts puts
// on every response. The edge around it (http-server.ts: forwarded headers, request id, log line, metrics, drain)
// is the same for both paths. Browser calls (a cookie, no bearer token) go to Next.js, where next-auth runs.
import type { IncomingMessage, ServerResponse } from "node:http";

import { bearerToken } from "@tenantry/auth";

import { HSTS_HEADER, SECURITY_HEADERS } from "./security-headers";
import { handleTrpc } from "./trpc-endpoint";

const TRPC_PREFIX = "/api/trpc/";

/** Whether server.ts answers this request itself: a GET or POST to /api/trpc/… carrying a bearer token. */
export function isDirectApiRequest(req: IncomingMessage): boolean {
  if (req.method !== "GET" && req.method !== "POST") return false;
  if (!req.url?.startsWith(TRPC_PREFIX)) return false;
  const authorization = req.headers.authorization;
  return typeof authorization === "string" && bearerToken(authorization) !== null;
}

/**
 * The request body as a web stream, paused while the stream is full. Not `Readable.toWeb`: when the body cap
 * (body-limit.ts) cancels it mid-upload, Node 20's adapter still enqueues the next chunk and throws outside any
 * handler, which would end the process. A cancelled body is left unread; Node discards it once the answer is sent.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        if (done) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once("end", () => {
        if (!done) controller.close();
        done = true;
      });
      req.once("error", (error) => {
        if (!done) controller.error(error);
        done = true;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      done = true;
      req.pause();
    },
  });
}

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  // Only the path and query are read (tRPC, the log); the origin checks read the Host and forwarded headers.
  const url = `http://localhost${req.url ?? "/"}`;
  if (req.method === "GET") return new Request(url, { method: "GET", headers });
  // `duplex` is required for a streamed request body (undici) but missing from the DOM typings.
  return new Request(url, {
    method: req.method,
    headers,
    body: bodyStream(req),
    duplex: "half",
  } as RequestInit);
}

/** Answers a request isDirectApiRequest accepted. */
export async function handleDirectApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const response = await handleTrpc(toRequest(req), () => Promise.resolve(null));
  for (const { key, value } of SECURITY_HEADERS) res.setHeader(key, value);
  // server.ts left X-Forwarded-Proto as the socket's scheme or a trusted proxy's word (forwarded.ts).
  if (req.headers["x-forwarded-proto"] === "https")
    res.setHeader(HSTS_HEADER.key, HSTS_HEADER.value);
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") res.setHeader(key, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.statusCode = response.status;
  if (response.status === 413) {
    // The rest of a refused upload may still be on its way: the connection is not reused for another request.
    res.shouldKeepAlive = false;
    res.setHeader("connection", "close");
  }
  if (!response.body) {
    res.end();
    return;
  }
  // A single answer (every call but a streamed batch or a subscription) is written in one piece, with its length.
  const contentType = response.headers.get("content-type") ?? "";
  if (!response.headers.has("transfer-encoding") && !contentType.startsWith("text/event-stream")) {
    res.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  // Written as it comes (a streamed batch answers call by call); a client gone away stops the stream.
  const reader = response.body.getReader();
  res.once("close", () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read();
    if (done || res.destroyed) break;
    if (!res.write(value)) {
      await new Promise<void>((resolve) => {
        res.once("drain", resolve);
        res.once("close", resolve);
      });
    }
  }
  res.end();
}
