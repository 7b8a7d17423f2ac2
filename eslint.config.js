// Lints the root launcher scripts; every package has its own config.
import { baseConfig } from "@tenantry/eslint-config/base";

export default [
  { ignores: ["apps/**", "packages/**", "e2e/**", "bench/**", "tooling/**"] },
  ...baseConfig,
];
