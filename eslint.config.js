// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { existsSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const noInfra = { group: ["#infra/*"], message: "services and shared code never import infra." };
const pureDomain = {
  group: ["@aws-sdk/*", "@aws-lambda-powertools/*", "@middy/*", "node:fs", "node:http", "#shared/aws/*"],
  message: "domain/ holds pure rules: no AWS or I/O imports.",
};

const isService = new Map();
/**
 * The service a path belongs to: the nearest folder under `servicesDir` holding a service.ts (so a nested
 * services/<name>/<sub>/ with its own service.ts is a service of its own), or undefined outside every service.
 */
function serviceOf(servicesDir, path) {
  for (let dir = dirname(path); dir.startsWith(servicesDir + sep); dir = dirname(dir)) {
    if (!isService.has(dir)) isService.set(dir, existsSync(resolve(dir, "service.ts")));
    if (isService.get(dir)) return dir;
  }
  return undefined;
}
const inContract = (service, path) => path.startsWith(resolve(service, "contract") + sep);

/**
 * Issue 22 (DESIGN.md "Services cross only through their published contracts"): a service imports nothing from
 * another service but its contract, services/<name>/contract/ (event definitions and the values they carry); and a
 * contract imports nothing from its own service outside contract/, so importing it never drags a domain across.
 * no-restricted-imports cannot say "another service than this file's", hence this rule.
 */
const serviceBoundaries = {
  meta: {
    type: "problem",
    docs: { description: "services cross only through their contracts" },
    // `servicesDir` (default: this project's services/) lets the rule's test lint a tree of its own.
    schema: [
      { type: "object", properties: { servicesDir: { type: "string" } }, additionalProperties: false },
    ],
  },
  create(context) {
    const servicesDir = resolve(
      context.options[0]?.servicesDir ?? resolve(dirname(fileURLToPath(import.meta.url)), "services"),
    );
    const name = (service) => relative(servicesDir, service).split(sep).join("/");
    const file = resolve(context.filename);
    const own = serviceOf(servicesDir, file);
    if (!own) return {};
    const check = (node) => {
      const spec = node?.type === "Literal" && typeof node.value === "string" ? node.value : undefined;
      if (!spec) return;
      const target = spec.startsWith("#services/")
        ? resolve(servicesDir, spec.slice("#services/".length))
        : spec.startsWith(".")
          ? resolve(dirname(file), spec)
          : undefined;
      const other = target && serviceOf(servicesDir, target);
      if (!other || inContract(other, target)) return;
      if (other !== own)
        context.report({
          node,
          message: `services/${name(own)} may import only services/${name(other)}/contract/ from another service (issue 22): "${spec}".`,
        });
      else if (inContract(own, file))
        context.report({
          node,
          message: `A contract imports only its own contract/, shared/, zod and other contracts (issue 22): "${spec}".`,
        });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
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
    files: ["services/**/*.ts"],
    plugins: { local: { rules: { "service-boundaries": serviceBoundaries } } },
    rules: { "local/service-boundaries": "error" },
  },
  {
    // Tests read JSON responses whose shape is what they assert.
    files: ["test/**/*.ts", "**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Nested services (issue 22: services/supervision/complaints, …/monitoring) keep pure domains too.
    files: ["services/*/domain/**/*.ts", "services/supervision/*/domain/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [noInfra, pureDomain] }] },
  },
);
