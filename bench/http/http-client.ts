// The benchmark's own HTTP calls (not the load): raw bytes for the equality check, the two sign-in flows, and the
// timed page fetch. node:http rather than fetch, so nothing decodes, adds headers or pools behind our back.
import http from "node:http";
import { createGunzip } from "node:zlib";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export function request(
  origin: string,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, origin),
      { method: opts.method ?? "GET", headers: opts.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** `name=value` pairs of the response's Set-Cookie headers. */
function cookiesOf(res: RawResponse): Map<string, string> {
  const jar = new Map<string, string>();
  for (const line of res.headers["set-cookie"] ?? []) {
    const pair = line.split(";")[0] ?? "";
    const eq = pair.indexOf("=");
    if (eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return jar;
}

const cookieHeader = (jar: Map<string, string>) =>
  [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/** POST /api/auth/token: the access token of a new TOKEN session (what an API client does). */
export async function tokenLogin(origin: string, email: string, password: string): Promise<string> {
  const res = await request(origin, "/api/auth/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const parsed = JSON.parse(res.body.toString()) as { accessToken?: string };
  if (res.status !== 200 || !parsed.accessToken) {
    throw new Error(
      `token login of ${email} failed: HTTP ${res.status} ${res.body.toString().slice(0, 200)}`,
    );
  }
  return parsed.accessToken;
}

/** next-auth's credentials flow over HTTP (CSRF token, then the callback); returns the signed-in Cookie header. */
export async function browserSignIn(
  origin: string,
  email: string,
  password: string,
): Promise<string> {
  const csrf = await request(origin, "/api/auth/csrf");
  const jar = cookiesOf(csrf);
  const { csrfToken } = JSON.parse(csrf.body.toString()) as { csrfToken?: string };
  if (csrf.status !== 200 || !csrfToken) throw new Error(`no CSRF token: HTTP ${csrf.status}`);
  const res = await request(origin, "/api/auth/callback/credentials", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookieHeader(jar),
    },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "/" }).toString(),
  });
  for (const [name, value] of cookiesOf(res)) jar.set(name, value);
  const location = String(res.headers.location ?? "");
  if (
    res.status !== 302 ||
    location.includes("error") ||
    ![...jar.keys()].some((k) => k.endsWith("session-token"))
  ) {
    throw new Error(`browser sign-in of ${email} failed: HTTP ${res.status} -> ${location}`);
  }
  return cookieHeader(jar);
}

export interface PageTiming {
  status: number;
  /** Milliseconds from sending the request to the response head (the first byte of the response). */
  firstByteMs: number;
  /** ... to the first byte of the body. */
  firstBodyByteMs: number;
  /** ... to the decoded `marker` (the board's data in a streamed page; the last byte when it never came). */
  markerMs: number;
  /** ... to the last byte. */
  lastByteMs: number;
  /** Bytes on the wire (gzip, as a browser asks for it) and decoded. */
  transferBytes: number;
  html: string;
}

/**
 * GETs a page as a browser would (gzip), timing the first and last byte, and when `marker` arrives: the body is
 * decoded as it streams in, so a shell sent before the data shows as an earlier first byte than the marker.
 */
export function fetchPage(
  origin: string,
  path: string,
  cookie: string,
  marker?: string,
): Promise<PageTiming> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      new URL(path, origin),
      {
        agent,
        headers: {
          cookie,
          accept: "text/html",
          "accept-encoding": "gzip",
          "user-agent": "tenantry-bench",
        },
      },
      (res) => {
        const firstByteMs = performance.now() - started;
        let firstBodyByteMs = 0;
        let markerMs = 0;
        let transferBytes = 0;
        res.on("data", (chunk: Buffer) => {
          if (transferBytes === 0) firstBodyByteMs = performance.now() - started;
          transferBytes += chunk.length;
        });
        const decoded = res.headers["content-encoding"] === "gzip" ? res.pipe(createGunzip()) : res;
        decoded.setEncoding("utf8");
        let html = "";
        decoded.on("data", (chunk: string) => {
          const from = Math.max(0, html.length - (marker?.length ?? 0));
          html += chunk;
          if (marker && !markerMs && html.includes(marker, from)) {
            markerMs = performance.now() - started;
          }
        });
        decoded.on("end", () => {
          const lastByteMs = performance.now() - started;
          resolve({
            status: res.statusCode ?? 0,
            firstByteMs,
            firstBodyByteMs,
            markerMs: markerMs || lastByteMs,
            lastByteMs,
            transferBytes,
            html,
          });
        });
        res.on("error", reject);
        decoded.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

export function closeClient(): void {
  agent.destroy();
}
