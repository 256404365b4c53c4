// ESLint (flat config): Next's own rule set (core web vitals: Next, React, React hooks with the
// React Compiler's rules, jsx-a11y, import), ESLint's and typescript-eslint's recommended rules. Why ESLint
// and not Biome: the rules this stack most needs (Next's, react-hooks' compiler checks, jsx-a11y)
// exist only as ESLint plugins. `npm run lint` fails on any finding, warnings included.
import { defineConfig, globalIgnores } from "eslint/config";
import js from "@eslint/js";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  // A disable comment that no longer suppresses anything is itself a finding.
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Playwright hands each fixture a callback named `use`; it is not React's use().
    files: ["e2e/**"],
    // Fixtures that use none of the others must still destructure an object: `async ({}, use)`.
    rules: { "react-hooks/rules-of-hooks": "off", "no-empty-pattern": "off" },
  },
  {
    // Pages and layouts are server components (none says "use client"; a test in tests/lib holds
    // it): they render once per request, and reading the clock there is the request's time.
    files: ["app/**/page.tsx", "app/**/layout.tsx"],
    rules: { "react-hooks/purity": "off" },
  },
  globalIgnores([
    ".next/**",
    "bench/next-reference/.next/**",
    ".data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
    "bench/next-reference/next-env.d.ts",
  ]),
]);
