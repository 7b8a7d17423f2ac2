import { describe, expect, it } from "vitest";

import { bearerToken, signAccessToken, verifyAccessToken } from "./access-token.ts";

const claims = {
  userId: "0190f5c4-7b7e-7d3a-9a9a-1a2b3c4d5e6f",
  sessionId: "0190f5c4-7b7e-7d3a-9a9a-1a2b3c4d5e70",
};

describe("access tokens", () => {
  it("round-trips the claims and lives at most 15 minutes", async () => {
    const { token, expiresIn } = await signAccessToken(claims, { ttlSeconds: 3_600 });
    expect(expiresIn).toBe(900);
    expect(await verifyAccessToken(token)).toEqual(claims);
    const later = new Date(Date.now() + 901_000);
    expect(await verifyAccessToken(token, { now: later })).toBeNull();
  });

  it("rejects tampered tokens and other algorithms", async () => {
    const { token } = await signAccessToken(claims);
    const [header, payload, signature] = token.split(".");
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload ?? "", "base64url").toString()),
        sub: "x",
      }),
    ).toString("base64url");
    expect(await verifyAccessToken(`${header}.${forgedPayload}.${signature}`)).toBeNull();
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url")}.${payload}.`;
    expect(await verifyAccessToken(none)).toBeNull();
    expect(await verifyAccessToken("garbage")).toBeNull();
  });

  it("reads only well-formed Bearer headers", () => {
    expect(bearerToken("Bearer abc.def.ghi")).toBe("abc.def.ghi");
    expect(bearerToken("bearer abc")).toBe("abc");
    expect(bearerToken("Basic abc")).toBeNull();
    expect(bearerToken(null)).toBeNull();
  });
});
