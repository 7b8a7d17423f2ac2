// Who the client is, per TRUST_PROXY: the socket's address, or — only when that peer is a trusted proxy — what the
// proxies put in X-Forwarded-For / -Proto / -Host. Used by the web server (server.ts) on every request, before Next.js
// sees it; the app then reads one internal header (CLIENT_IP_HEADER) and never X-Forwarded-For.
import { isIP } from "node:net";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

import { CLIENT_IP_HEADER } from "@tenantry/auth/client-info";

export interface TrustProxy {
  /** For logs: what is trusted. */
  description: string;
  /** Whether the address at `hop` (0 = the socket's peer, 1 = the entry it forwarded, ...) may be believed. */
  trusts: (address: string, hop: number) => boolean;
}

const OFF = new Set(["", "off", "false", "0", "none"]);

/**
 * Parses TRUST_PROXY: unset/"off" trusts nobody (the socket address is the client); a number N trusts that many proxy
 * hops in front of the app (the client is the N-th address from the right); otherwise a comma-separated list of
 * addresses, CIDR ranges or proxy-addr's names (`loopback`, `linklocal`, `uniquelocal`) of the trusted proxies.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const raw = (value ?? "").trim();
  if (OFF.has(raw.toLowerCase())) {
    return { description: "off (socket address only)", trusts: () => false };
  }
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 32) throw new Error(`TRUST_PROXY: ${hops} proxy hops is not plausible`);
    return { description: `${hops} proxy hop(s)`, trusts: (_address, hop) => hop < hops };
  }
  if (raw.toLowerCase() === "true") {
    // Express's "trust everything" lets any client choose its IP: exactly the hole this setting closes.
    throw new Error(
      "TRUST_PROXY: name the number of proxy hops or the proxies' addresses, not true",
    );
  }
  const list = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    return { description: list.join(", "), trusts: proxyaddr.compile(list) };
  } catch (error) {
    throw new Error(`TRUST_PROXY: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

export interface ForwardedRequest {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string; encrypted?: boolean };
}

export interface ResolvedClient {
  /** The client's IP ("" only when the socket has no address, i.e. it already closed). */
  ip: string;
  proto: "http" | "https";
  /** The public host a trusted proxy reports (X-Forwarded-Host); null when the Host header stands. */
  host: string | null;
  /** Whether the socket's peer is a trusted proxy (only then do any forwarded headers count). */
  viaTrustedProxy: boolean;
}

/** "::ffff:127.0.0.1" (an IPv4 client of a dual-stack socket) is 127.0.0.1, so one client has one key. */
function normalizeIp(address: string): string | null {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed)?.[1];
  const ip = mapped ?? trimmed;
  return isIP(ip) ? ip.toLowerCase() : null;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const first = value?.split(",")[0]?.trim();
  return first === "" ? undefined : first;
}

export function resolveClient(req: ForwardedRequest, trust: TrustProxy): ResolvedClient {
  const peer = req.socket.remoteAddress ?? "";
  const socketProto = req.socket.encrypted ? "https" : "http";
  if (!peer) return { ip: "", proto: socketProto, host: null, viaTrustedProxy: false };
  // proxy-addr walks from the socket address leftwards through X-Forwarded-For while each hop is trusted; the
  // list ends with the first untrusted address: the client. (It reads only these two fields of the request.)
  const chain = proxyaddr.all(req as IncomingMessage, trust.trusts);
  // A trusted proxy passing something that is not an address ("unknown") leaves that proxy as the client.
  let ip = "";
  for (let i = chain.length - 1; i >= 0 && !ip; i--) ip = normalizeIp(chain[i] ?? "") ?? "";
  const viaTrustedProxy = trust.trusts(peer, 0);
  const forwardedProto = viaTrustedProxy
    ? firstValue(req.headers["x-forwarded-proto"])?.toLowerCase()
    : undefined;
  const proto = (forwardedProto ?? socketProto) === "https" ? "https" : "http";
  const host = viaTrustedProxy ? (firstValue(req.headers["x-forwarded-host"]) ?? null) : null;
  return { ip, proto, host, viaTrustedProxy };
}

/** Headers only a trusted proxy may set; from anyone else they are dropped before the app sees them. */
const FORWARDED_HEADERS = [
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-port",
  "x-forwarded-proto",
  "x-real-ip",
];

/**
 * Rewrites the request's headers in place: the resolved client IP into CLIENT_IP_HEADER (whatever the client sent
 * there is replaced), X-Forwarded-Proto to the resolved scheme, X-Forwarded-Host to the trusted proxy's single value;
 * forwarded headers from an untrusted peer are removed (Next.js then fills X-Forwarded-For/-Host from the socket and
 * the Host header, which is also what its own Server Action origin check compares).
 */
export function applyForwarded(req: IncomingMessage, trust: TrustProxy): ResolvedClient {
  const client = resolveClient(req, trust);
  if (!client.viaTrustedProxy) for (const name of FORWARDED_HEADERS) delete req.headers[name];
  req.headers["x-forwarded-proto"] = client.proto;
  if (client.host) req.headers["x-forwarded-host"] = client.host;
  req.headers[CLIENT_IP_HEADER] = client.ip;
  return client;
}
