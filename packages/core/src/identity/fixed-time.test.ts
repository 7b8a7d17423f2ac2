// The fixed response time of the identity flows: never sooner than the budget, never later, and work that outlives
// the answer still finishes (and reports failures). Lower bounds and ordering only, so a busy machine cannot flake.
import { describe, expect, it, vi } from "vitest";

import { settleBackgroundWork, withinFixedTime } from "./fixed-time.ts";

const BUDGET = 150;
// Timers may fire a hair early against performance.now().
const EARLY = 5;

function deferred() {
  let resolve: () => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("withinFixedTime", () => {
  it("answers no sooner than the budget when the work is quick, with the work done", async () => {
    let done = false;
    const started = performance.now();
    await withinFixedTime(BUDGET, async () => {
      done = true;
      await Promise.resolve();
    });
    expect(done).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(BUDGET - EARLY);
  });

  it("answers at the budget when the work is slow, and finishes the work afterwards", async () => {
    const gate = deferred();
    let done = false;
    const started = performance.now();
    await withinFixedTime(BUDGET, async () => {
      await gate.promise;
      done = true;
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(BUDGET - EARLY);
    // The answer came while the work was still waiting.
    expect(done).toBe(false);
    gate.resolve();
    await settleBackgroundWork();
    expect(done).toBe(true);
  });

  it("rethrows a failure within the budget, at the end of the budget", async () => {
    const started = performance.now();
    await expect(
      withinFixedTime(BUDGET, () => Promise.reject(new Error("no free slug"))),
    ).rejects.toThrow("no free slug");
    expect(performance.now() - started).toBeGreaterThanOrEqual(BUDGET - EARLY);
  });

  it("logs a failure that comes after the answer", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const gate = deferred();
      await withinFixedTime(BUDGET, () => gate.promise);
      gate.reject(new Error("smtp down"));
      await settleBackgroundWork();
      expect(log).toHaveBeenCalledWith(
        "identity: work finished after the answer failed",
        expect.objectContaining({ message: "smtp down" }),
      );
    } finally {
      log.mockRestore();
    }
  });
});
