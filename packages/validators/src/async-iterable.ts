// The output schema of a streamed procedure (one returning an async iterable, streamed by httpBatchStreamLink):
// tRPC v11 validates `.output()` once, on the iterable itself, so the schema wraps it in a generator that parses
// every yielded value on its way out — the tRPC docs' `zAsyncIterable` (server/subscriptions, "Output
// validation"), without the tracked-envelope part these procedures do not use. A value that does not parse ends the
// stream with an error instead of reaching the client; undeclared keys are stripped as in any output.
import { z } from "zod";

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === "object" && value !== null && Symbol.asyncIterator in value;

export function zAsyncIterable<TIn, TOut>(opts: { yield: z.ZodType<TOut, TIn> }) {
  return z
    .custom<AsyncIterable<TIn, void>>(isAsyncIterable, { message: "Expected a stream" })
    .transform(async function* (iterable): AsyncGenerator<TOut, void, undefined> {
      const iterator = iterable[Symbol.asyncIterator]();
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield await opts.yield.parseAsync(next.value);
        }
      } finally {
        // The consumer stopped early (or a value failed to parse): let the source clean up (store a stopped reply).
        await iterator.return?.();
      }
    });
}
