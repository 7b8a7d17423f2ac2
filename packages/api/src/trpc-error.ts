// Recognising a TRPCError, importable from browser code too (no server dependencies).
import type { TRPCError } from "@trpc/server";

/**
 * A TRPCError recognised by name, as tRPC itself does: Next.js bundles a module instance per layer, and an error
 * thrown by an object another instance created (a process-wide singleton) fails `instanceof` here.
 */
export function isTRPCError(error: unknown): error is TRPCError {
  return (
    error instanceof Error &&
    error.name === "TRPCError" &&
    typeof (error as { code?: unknown }).code === "string"
  );
}
