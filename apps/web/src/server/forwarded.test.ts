import { createServer, request } from "node:http";
import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";

import { CLIENT_IP_HEADER } from "@tenantry/auth/client-info";

import { applyForwarded, parseTrustProxy, resolveClient } from "./forwarded";

const req = (remoteAddress: string, headers: IncomingHttpHeaders = {}, encrypted = false) => ({
  headers,
  socket: { remoteAddress, encrypted },
});

describe("parseTrustProxy", () => {
  it("trusts nobody when unset or off", () => {
    for (const value of [undefined, "", " ", "off", "false", "0", "none"]) {
      const trust = parseTrustProxy(value);
      expect(trust.trusts("127.0.0.1", 0)).toBe(false);
      expect(trust.trusts("10.0.0.1", 0)).toBe(false);
    }
  });

  it("a hop count trusts that many hops, whatever their address", () => {
    const trust = parseTrustProxy("2");
    expect([0, 1, 2].map((hop) => trust.trusts("203.0.113.1", hop))).toEqual([true, true, false]);
  });

  it("a list trusts the named addresses, ranges and proxy-addr names only", () => {
    const trust = parseTrustProxy("10.0.0.0/8, 192.168.1.7, loopback");
    expect(trust.trusts("10.20.30.40", 0)).toBe(true);
    expect(trust.trusts("192.168.1.7", 3)).toBe(true);
    expect(trust.trusts("::1", 0)).toBe(true);
    expect(trust.trusts("192.168.1.8", 0)).toBe(false);
    expect(trust.trusts("203.0.113.1", 0)).toBe(false);
  });

  it("refuses values that would trust everyone or make no sense", () => {
    expect(() => parseTrustProxy("true")).toThrow(/not true/);
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow(/TRUST_PROXY: invalid range/);
    expect(() => parseTrustProxy("proxy.internal")).toThrow(/TRUST_PROXY: invalid IP address/);
    expect(() => parseTrustProxy("99")).toThrow(/not plausible/);
  });
});

describe("resolveClient", () => {
  it("without trusted proxies the socket address is the client, whatever X-Forwarded-* say", () => {
    const client = resolveClient(
      req("198.51.100.9", {
        "x-forwarded-for": "203.0.113.1",
        "x-forwarded-proto": "https",
        "x-forwarded-host": "evil.example",
      }),
      parseTrustProxy(undefined),
    );
    expect(client).toEqual({
      ip: "198.51.100.9",
      proto: "http",
      host: null,
      viaTrustedProxy: false,
    });
  });

  it("an IPv4 client of a dual-stack socket has its plain IPv4 address", () => {
    expect(resolveClient(req("::ffff:127.0.0.1"), parseTrustProxy("")).ip).toBe("127.0.0.1");
    expect(resolveClient(req("::1"), parseTrustProxy("")).ip).toBe("::1");
  });

  it("walks X-Forwarded-For from the right through trusted proxies only", () => {
    const trust = parseTrustProxy("10.0.0.0/8");
    // The client forged the first two entries; the proxy 10.0.0.2 appended what it saw (203.0.113.5), and the
    // proxy 10.0.0.3 appended 10.0.0.2 before reaching the app from 10.0.0.4.
    const xff = "1.1.1.1, 2.2.2.2, 203.0.113.5, 10.0.0.2, 10.0.0.3";
    const client = resolveClient(req("10.0.0.4", { "x-forwarded-for": xff }), trust);
    expect(client.ip).toBe("203.0.113.5");
    expect(client.viaTrustedProxy).toBe(true);
  });

  it("an untrusted peer's X-Forwarded-For is ignored even if it names trusted addresses", () => {
    const trust = parseTrustProxy("10.0.0.0/8");
    const client = resolveClient(req("203.0.113.7", { "x-forwarded-for": "10.0.0.1" }), trust);
    expect(client.ip).toBe("203.0.113.7");
    expect(client.viaTrustedProxy).toBe(false);
  });

  it("a hop count takes the address that many hops from the right", () => {
    const xff = "6.6.6.6, 203.0.113.5, 10.1.1.1";
    expect(
      resolveClient(req("10.9.9.9", { "x-forwarded-for": xff }), parseTrustProxy("1")).ip,
    ).toBe("10.1.1.1");
    expect(
      resolveClient(req("10.9.9.9", { "x-forwarded-for": xff }), parseTrustProxy("2")).ip,
    ).toBe("203.0.113.5");
    // More hops than entries: the leftmost entry is all there is.
    expect(
      resolveClient(req("10.9.9.9", { "x-forwarded-for": xff }), parseTrustProxy("9")).ip,
    ).toBe("6.6.6.6");
  });

  it("a trusted proxy reporting no address leaves the proxy as the client", () => {
    const client = resolveClient(
      req("10.0.0.4", { "x-forwarded-for": "unknown" }),
      parseTrustProxy("10.0.0.0/8"),
    );
    expect(client.ip).toBe("10.0.0.4");
  });

  it("takes scheme and host from a trusted proxy, the socket's scheme otherwise", () => {
    const headers = { "x-forwarded-proto": "HTTPS, http", "x-forwarded-host": "app.example, x" };
    expect(resolveClient(req("10.0.0.4", headers), parseTrustProxy("10.0.0.0/8"))).toMatchObject({
      proto: "https",
      host: "app.example",
    });
    expect(resolveClient(req("203.0.113.1", headers), parseTrustProxy("10.0.0.0/8"))).toMatchObject(
      { proto: "http", host: null },
    );
    expect(resolveClient(req("203.0.113.1", {}, true), parseTrustProxy(""))).toMatchObject({
      proto: "https",
    });
  });

  it("a socket without an address (already closed) yields no client IP", () => {
    const closed = { headers: { "x-forwarded-for": "203.0.113.1" }, socket: {} };
    expect(resolveClient(closed, parseTrustProxy("1")).ip).toBe("");
  });
});

/** Through a real HTTP server: what the handler behind applyForwarded() sees (as Next.js does in server.ts). */
async function seenByApp(
  trustProxy: string,
  headers: Record<string, string>,
): Promise<IncomingHttpHeaders> {
  const trust = parseTrustProxy(trustProxy);
  const server = createServer((incoming, res) => {
    applyForwarded(incoming, trust);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(incoming.headers));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const address = server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    return await new Promise<IncomingHttpHeaders>((resolve, reject) => {
      const outgoing = request(
        { host: "127.0.0.1", port: address.port, path: "/", headers },
        (res) => {
          let body = "";
          res.on("data", (chunk: Buffer) => (body += chunk.toString()));
          res.on("end", () => resolve(JSON.parse(body) as IncomingHttpHeaders));
        },
      );
      outgoing.on("error", reject);
      outgoing.end();
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("applyForwarded over HTTP", () => {
  const forged = {
    "x-forwarded-for": "203.0.113.66",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
    "x-real-ip": "203.0.113.67",
    forwarded: "for=203.0.113.68",
    [CLIENT_IP_HEADER]: "203.0.113.69",
  };

  it("untrusted: the socket address replaces the client's claims, which are dropped", async () => {
    const seen = await seenByApp("", forged);
    expect(seen[CLIENT_IP_HEADER]).toBe("127.0.0.1");
    expect(seen["x-forwarded-proto"]).toBe("http");
    for (const name of ["x-forwarded-for", "x-forwarded-host", "x-real-ip", "forwarded"]) {
      expect(seen[name]).toBeUndefined();
    }
  });

  it("trusted: the proxy's X-Forwarded-* count, the internal header still cannot be sent", async () => {
    const seen = await seenByApp("loopback", forged);
    expect(seen[CLIENT_IP_HEADER]).toBe("203.0.113.66");
    expect(seen["x-forwarded-proto"]).toBe("https");
    expect(seen["x-forwarded-host"]).toBe("evil.example");
  });

  it("trusted: a changing client-sent prefix does not change the client", async () => {
    const ips = await Promise.all(
      ["1.1.1.1", "2.2.2.2"].map(async (forgedIp) => {
        const seen = await seenByApp("loopback", {
          "x-forwarded-for": `${forgedIp}, 198.51.100.20`,
        });
        return seen[CLIENT_IP_HEADER];
      }),
    );
    expect(ips).toEqual(["198.51.100.20", "198.51.100.20"]);
  });
});
