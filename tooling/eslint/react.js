/** React rules (hooks) on top of the base config. */
import reactHooks from "eslint-plugin-react-hooks";

export const reactConfig = [
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
];
