/** Next.js rules on top of the base and React configs. */
import nextPlugin from "@next/eslint-plugin-next";

export const nextjsConfig = [
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "@next/next": nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
    },
  },
];
