// Vitest for @tenantry/db: database tests provision their own databases, which takes seconds, hence the timeouts.
// The embedded PGlite and the WebAssembly schema engine compile WASM on start: on a loaded 2-core machine that alone
// took over 60 s (seen in CI with the rest of the suite running beside it), so the budget is generous.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    pool: "forks",
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
