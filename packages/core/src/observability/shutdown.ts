// Graceful shutdown of a process (web or worker): what must happen after SIGTERM and before exit, registered by the
// module that owns it (a usage buffer flushes, a pool closes) instead of the entry point knowing every resource.
// The registry lives on globalThis because Next.js bundles its own copy of this module beside the one server.ts loads.

/**
 * Hooks run phase by phase, in this order, each phase's hooks concurrently:
 * - `drain`: stop taking work (close listeners, stop polling a queue) and wait for work in flight;
 * - `flush`: write out what is buffered in memory (usage counters, logs);
 * - `close`: close pools and clients (database, Redis, job queue).
 */
export type ShutdownPhase = "drain" | "flush" | "close";
export const SHUTDOWN_PHASES: readonly ShutdownPhase[] = ["drain", "flush", "close"];

export interface ShutdownHook {
  name: string;
  phase: ShutdownPhase;
  /** `signal` aborts shortly before the deadline (the close phase's reserve): stop waiting then. */
  run: (signal: AbortSignal) => Promise<void> | void;
}

interface ShutdownState {
  hooks: Set<ShutdownHook>;
  started: boolean;
  listeners: Set<() => void>;
}

const STATE_KEY = Symbol.for("tenantry.shutdown");
function state(): ShutdownState {
  const holder = globalThis as Record<symbol, ShutdownState | undefined>;
  holder[STATE_KEY] ??= { hooks: new Set(), started: false, listeners: new Set() };
  return holder[STATE_KEY];
}

/** Registers a hook (default phase `flush`); returns the unregister function. */
export function onShutdown(
  name: string,
  run: ShutdownHook["run"],
  phase: ShutdownPhase = "flush",
): () => void {
  const hook: ShutdownHook = { name, phase, run };
  state().hooks.add(hook);
  return () => state().hooks.delete(hook);
}

/** True once shutdown began: /api/ready answers 503, new connections get `Connection: close`. */
export function isShuttingDown(): boolean {
  return state().started;
}

/** Called once when shutdown begins (before any hook runs), e.g. to fail readiness. */
export function onShutdownStart(listener: () => void): () => void {
  state().listeners.add(listener);
  return () => state().listeners.delete(listener);
}

export interface ShutdownOutcome {
  /** Hooks that threw or had not finished at the deadline, as `phase:name`. */
  failed: string[];
  timedOut: boolean;
  durationMs: number;
}

/**
 * Runs every hook, phase by phase, within `deadlineMs` overall; a hook that throws or overruns never stops the next
 * phases (pools still close). Idempotent: a second call (second signal) resolves with an empty outcome.
 */
export async function runShutdown(
  deadlineMs: number,
  log: (message: string, error?: unknown) => void = () => undefined,
): Promise<ShutdownOutcome> {
  const s = state();
  const started = performance.now();
  if (s.started) return { failed: [], timedOut: false, durationMs: 0 };
  s.started = true;
  for (const listener of s.listeners) listener();
  const controller = new AbortController();
  // Draining and flushing stop waiting a little before the deadline, so closing the pools still fits within it.
  const closeReserveMs = Math.min(1_500, Math.round(deadlineMs / 4));
  const timer = setTimeout(() => controller.abort(), deadlineMs - closeReserveMs);
  const failed: string[] = [];
  try {
    for (const phase of SHUTDOWN_PHASES) {
      const hooks = [...s.hooks].filter((hook) => hook.phase === phase);
      // The close phase always runs with at least its reserve; the others until the abort.
      const elapsed = performance.now() - started;
      const remaining =
        phase === "close"
          ? Math.max(deadlineMs - elapsed, 250)
          : Math.max(deadlineMs - closeReserveMs - elapsed, 0);
      await Promise.all(
        hooks.map(async (hook) => {
          let hookTimer: NodeJS.Timeout | undefined;
          const label = `${phase}:${hook.name}`;
          try {
            const overrun = new Promise<"overrun">((resolve) => {
              hookTimer = setTimeout(() => resolve("overrun"), remaining);
            });
            const result = await Promise.race([
              Promise.resolve().then(() => hook.run(controller.signal)),
              overrun,
            ]);
            if (result === "overrun") {
              // Its time is up: tell it (and the rest of its phase) to stop waiting, e.g. to cut connections.
              controller.abort();
              failed.push(label);
              log(`shutdown hook ${label} did not finish before the deadline`);
            }
          } catch (error) {
            failed.push(label);
            log(`shutdown hook ${label} failed`, error);
          } finally {
            clearTimeout(hookTimer);
          }
        }),
      );
    }
  } finally {
    clearTimeout(timer);
  }
  return {
    failed,
    timedOut: controller.signal.aborted,
    durationMs: Math.round(performance.now() - started),
  };
}

/** Tests only: forget hooks and the started flag. */
export function resetShutdownForTests(): void {
  const s = state();
  s.hooks.clear();
  s.listeners.clear();
  s.started = false;
}
