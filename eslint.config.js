// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const noInfra = { group: ["#infra/*"], message: "services and shared code never import infra." };
const pureDomain = {
  group: ["@aws-sdk/*", "@aws-lambda-powertools/*", "@middy/*", "node:fs", "node:http", "#shared/aws/*"],
  message: "domain/ holds pure rules: no AWS or I/O imports.",
};

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "cdk.out/**",
      ".local/**",
      "coverage/**",
      "clients/typescript/api.d.ts",
      "web/dist/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      // `import { z } from "zod"` pulls every locale into a bundle (~440 KiB); the namespace import is ~90 KiB.
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: 'Use `import * as z from "zod"`: the named `z` export bundles every locale.',
        },
      ],
    },
  },
  {
    files: ["services/**/*.ts", "shared/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noInfra] }] },
  },
  {
    // Tests read JSON responses whose shape is what they assert.
    files: ["test/**/*.ts", "**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["services/*/domain/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noInfra, pureDomain] }] },
  },
);
