// Vitest for @tenantry/db: database tests provision their own databases, which takes seconds, hence the timeouts.
// The embedded PGlite and the WebAssembly schema engine compile WASM on start: on a loaded 2-core machine that alone
// took over 60 s (seen in CI with the rest of the suite running beside it), so the budget is generous.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    pool: "forks",
    // Two files at a time, like the other database packages: every file has a database of its own (a copy of the
    // migrated template, see src/testing/template.ts), and much of a file's time is spent waiting (timeouts, a
    // frozen proxy), which the other file fills. The default on a 2-core machine would be one.
    maxWorkers: 2,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
