// Answers whose timing must not tell whether an email address is registered (sign-up, password reset, verification
// resend). The caller does the address-independent work itself (validation, the password hash); the work that
// depends on the address runs here under a fixed budget, and the answer comes when the budget ends — never sooner,
// and never later: work slower than the budget (a slow mail server, a busy database) finishes in the background,
// which is the asynchronous answer the OWASP forgot-password guidance recommends. Measured in
// bench/src/identity-timing.bench.ts.
import { setTimeout as sleep } from "node:timers/promises";

const background = new Set<Promise<void>>();

type Outcome = { ok: true } | { ok: false; error: unknown };

/**
 * Runs `work` and resolves exactly `budgetMs` after the call. A failure within the budget is rethrown at its end;
 * a failure after it (the answer is gone) is logged.
 */
export async function withinFixedTime(budgetMs: number, work: () => Promise<void>): Promise<void> {
  const budget = sleep(budgetMs).then(() => "late" as const);
  const running = work().then(
    (): Outcome => ({ ok: true }),
    (error: unknown): Outcome => ({ ok: false, error }),
  );
  const first = await Promise.race([running, budget]);
  if (first === "late") {
    const tracked: Promise<void> = running
      .then((outcome) => {
        if (!outcome.ok)
          console.error("identity: work finished after the answer failed", outcome.error);
      })
      .finally(() => background.delete(tracked));
    background.add(tracked);
    return;
  }
  await budget;
  if (!first.ok) throw first.error;
}

/** Resolves once every piece of work that outlived its answer has finished (tests, graceful shutdown). */
export async function settleBackgroundWork(): Promise<void> {
  while (background.size > 0) await Promise.all([...background]);
}
