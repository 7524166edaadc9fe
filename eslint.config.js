import js from "@eslint/js";
import tseslint from "typescript-eslint";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  { ignores: ["build/", "node_modules/", ".node/", "tests/.tmp/", "coverage/", "public/build/", "app/types/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    settings: { react: { version: "18" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      // App Bridge's <ui-save-bar> and <ui-title-bar> style their buttons with `variant` and `tone` attributes.
      "react/no-unknown-property": ["error", { ignore: ["variant", "tone"] }],
    },
  },
  {
    files: ["**/*.mjs", "*.js"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { globals: { ...globals.node }, sourceType: "commonjs" },
  },
  {
    // The storefront loader runs in shoppers' browsers as a plain script.
    files: ["extensions/**/assets/*.js", "tests/sandbox/**/assets/*.js"],
    languageOptions: { globals: { ...globals.browser }, sourceType: "script" },
  },
);
