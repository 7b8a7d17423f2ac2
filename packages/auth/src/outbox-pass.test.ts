import { describe, expect, it } from "vitest";

import { OUTBOX_PASS_TTL_SECONDS, signOutboxPass, verifyOutboxPass } from "./outbox-pass.ts";

describe("outbox pass", () => {
  it("names the address it was issued for until it expires", () => {
    const now = new Date("2026-12-02T12:00:00Z");
    const pass = signOutboxPass("New.User@Example.com", now);
    expect(verifyOutboxPass(pass, now)).toBe("new.user@example.com");
    const later = new Date(now.getTime() + OUTBOX_PASS_TTL_SECONDS * 1000 + 1);
    expect(verifyOutboxPass(pass, later)).toBeNull();
  });

  it("refuses an altered or forged pass", () => {
    const pass = signOutboxPass("me@example.com");
    const [payload, signature] = pass.split(".");
    const other = Buffer.from(
      JSON.stringify({ e: "victim@example.com", x: Date.now() + 60_000 }),
    ).toString("base64url");
    expect(verifyOutboxPass(`${other}.${signature}`)).toBeNull();
    expect(verifyOutboxPass(`${payload}.${"A".repeat(43)}`)).toBeNull();
    expect(verifyOutboxPass(`${pass}.extra`)).toBeNull();
    expect(verifyOutboxPass("")).toBeNull();
    expect(verifyOutboxPass(undefined)).toBeNull();
  });
});
