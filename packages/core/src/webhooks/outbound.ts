// The outbound HTTP client for webhook deliveries. It refuses targets on private, loopback, link-local (cloud
// metadata: 169.254.169.254), multicast and other non-public addresses, checked on the addresses the name resolves
// to, at connect time (so a DNS answer cannot switch to an internal address between check and connect), follows no
// redirect, and bounds every request in time and the response body it keeps.
import { lookup as dnsLookup } from "node:dns";
import type { LookupAddress } from "node:dns";
import ipaddr from "ipaddr.js";
import { Agent, request } from "undici";

import { env } from "../env.ts";

export const RESPONSE_BODY_LIMIT = 2048;

export class BlockedTargetError extends Error {
  constructor(address: string) {
    super(`target address ${address} is not a public address`);
    this.name = "BlockedTargetError";
  }
}

/** True for an address a webhook may reach: a public unicast address (IPv4-mapped IPv6 judged as IPv4). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup that fails when any resolved address is not public (a mixed answer is refused whole). */
function guardedLookup(
  hostname: string,
  options: { all?: boolean; family?: number | string },
  callback: LookupCallback,
): void {
  dnsLookup(
    hostname,
    { all: true, family: options.family as 0 | 4 | 6 | undefined },
    (err, addresses) => {
      if (err) {
        callback(err, []);
        return;
      }
      const blocked = addresses.find((a) => !isPublicAddress(a.address));
      if (blocked) {
        callback(Object.assign(new BlockedTargetError(blocked.address), { code: "EBLOCKED" }), []);
        return;
      }
      const first = addresses[0];
      if (!first) {
        callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), []);
        return;
      }
      if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    },
  );
}

let guardedAgent: Agent | undefined;
let openAgent: Agent | undefined;

function agentFor(allowPrivate: boolean): Agent {
  if (allowPrivate) {
    openAgent ??= new Agent({ connections: 16 });
    return openAgent;
  }
  guardedAgent ??= new Agent({ connections: 16, connect: { lookup: guardedLookup } });
  return guardedAgent;
}

export interface OutboundResult {
  status: number;
  /** The first RESPONSE_BODY_LIMIT bytes of the body, as text. */
  body: string;
  durationMs: number;
}

export interface OutboundOptions {
  timeoutMs?: number;
  /** Defaults to WEBHOOK_ALLOW_PRIVATE_TARGETS. */
  allowPrivate?: boolean;
}

/** POSTs `body` to `url`. Throws BlockedTargetError for a refused target and on network errors and timeouts. */
export async function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  opts: OutboundOptions = {},
): Promise<OutboundResult> {
  const allowPrivate = opts.allowPrivate ?? env.WEBHOOK_ALLOW_PRIVATE_TARGETS;
  const target = new URL(url);
  if (target.protocol !== "https:" && target.protocol !== "http:") {
    throw new Error(`unsupported protocol ${target.protocol}`);
  }
  // An address literal never goes through the lookup: check it here.
  const host = target.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && ipaddr.isValid(host) && !isPublicAddress(host)) {
    throw new BlockedTargetError(host);
  }
  const timeoutMs = opts.timeoutMs ?? env.WEBHOOK_TIMEOUT_MS;
  const started = performance.now();
  // undici's request follows no redirect: a 3xx is an answer like any other (and not a success).
  const response = await request(target, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": "Tenantry-Webhooks/1",
      ...headers,
    },
    body,
    dispatcher: agentFor(allowPrivate),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    chunks.push(buffer);
    size += buffer.length;
    if (size >= RESPONSE_BODY_LIMIT) break;
  }
  return {
    status: response.statusCode,
    body: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString("utf8"),
    durationMs: Math.round(performance.now() - started),
  };
}
