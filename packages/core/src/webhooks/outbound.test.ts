// The outbound client's SSRF guard and the retry schedule, without the queue.
import { describe, expect, it } from "vitest";

import { BlockedTargetError, isPublicAddress, postJson } from "./outbound.ts";
import { nextRetryDelayMs } from "./retry.ts";

describe("SSRF guard", () => {
  it.each([
    "http://127.0.0.1:9/hook",
    "http://[::1]:9/hook",
    "http://10.1.2.3/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:127.0.0.1]/hook",
    "http://192.168.0.10/hook",
  ])("refuses %s before connecting", async (url) => {
    await expect(postJson(url, {}, "{}", { allowPrivate: false })).rejects.toBeInstanceOf(
      BlockedTargetError,
    );
  });

  it("refuses a hostname that resolves to a loopback address (checked after DNS resolution)", async () => {
    await expect(
      postJson("http://localhost:9/hook", {}, "{}", { allowPrivate: false, timeoutMs: 2000 }),
    ).rejects.toThrow(/not a public address/);
  });

  it("classifies addresses", () => {
    expect(isPublicAddress("93.184.215.14")).toBe(true);
    expect(isPublicAddress("2606:4700::1111")).toBe(true);
    for (const a of [
      "127.0.0.1",
      "10.0.0.1",
      "172.16.0.1",
      "169.254.169.254",
      "100.64.0.1",
      "::1",
      "fd00:ec2::254",
      "0.0.0.0",
      "224.0.0.1",
    ]) {
      expect(isPublicAddress(a)).toBe(false);
    }
  });
});

describe("retry schedule", () => {
  const schedule = { maxAttempts: 13, baseMs: 60_000, jitter: 0.2 };

  it("doubles from the base delay and gives up after the last attempt", () => {
    const delays = Array.from({ length: 13 }, (_, i) =>
      nextRetryDelayMs(i + 1, schedule, () => 0.5),
    );
    expect(delays.slice(0, 4)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(delays[12]).toBeNull();
    const total = delays.reduce<number>((sum, d) => sum + (d ?? 0), 0);
    // About three days in all: 4095 minutes ≈ 2.84 days.
    expect(total).toBe(4095 * 60_000);
  });

  it("jitters each delay by at most 20 %", () => {
    expect(nextRetryDelayMs(3, schedule, () => 0)).toBe(192_000);
    expect(nextRetryDelayMs(3, schedule, () => 0.999999)).toBe(288_000);
  });
});
