import { fileURLToPath } from "node:url";

/** Shared Prettier config: stable formatting and sorted imports (workspace packages after third-party). */
/** @type {import("prettier").Config & import("@ianvs/prettier-plugin-sort-imports").PluginConfig} */
const config = {
  printWidth: 100,
  // Resolved from this package, so every workspace package can use the config without its own copy of the plugin.
  plugins: [fileURLToPath(import.meta.resolve("@ianvs/prettier-plugin-sort-imports"))],
  importOrder: [
    "<TYPES>",
    "^(react/(.*)$)|^(react$)|^(next/(.*)$)|^(next$)",
    "<THIRD_PARTY_MODULES>",
    "",
    "<TYPES>^@tenantry",
    "^@tenantry/(.*)$",
    "",
    "<TYPES>^[.|..|~]",
    "^~/",
    "^[../]",
    "^[./]",
  ],
  importOrderParserPlugins: ["typescript", "jsx", "decorators-legacy"],
  importOrderTypeScriptVersion: "5.9.3",
};

export default config;
