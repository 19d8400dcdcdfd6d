// The comparison ESLint setup: eslint-plugin-listeners' three rules at `warn`,
// espree (with JSX) for JavaScript, @typescript-eslint/parser for syntax only
// on TypeScript, inline configuration ignored so every file is linted alike.
import listeners from "eslint-plugin-listeners";
import tsParser from "@typescript-eslint/parser";

const rules = {
  "listeners/no-missing-remove-event-listener": "warn",
  "listeners/matching-remove-event-listener": "warn",
  "listeners/no-inline-function-event-listener": "warn",
};

export default [
  { ignores: ["**/node_modules/**", "**/*.min.js"] },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs", "**/*.jsx"],
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    plugins: { listeners },
    rules,
  },
  {
    files: ["**/*.ts", "**/*.mts", "**/*.cts", "**/*.tsx"],
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: "off" },
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { listeners },
    rules,
  },
];
