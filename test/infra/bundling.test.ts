import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Script } from "node:vm";
import { describe, expect, it } from "vitest";
import { model } from "#infra/manifest.ts";
import { logicalId, synthesize } from "./synth.ts";

describe("bundling", () => {
  it("builds every function as a CommonJS bundle with the local esbuild (no Docker)", () => {
    const { app, stack, resources } = synthesize({ bundling: true });
    const assembly = app.synth();
    try {
      for (const fn of model.functions) {
        const asset = resources[logicalId(stack.functions.get(fn.id)!.function)]!.Properties.Code as {
          S3Key: string;
        };
        // The asset's staging directory is named after the same hash as its S3 key.
        const bundle = join(assembly.directory, `asset.${asset.S3Key.replace(/\.zip$/, "")}`, "index.js");
        expect(existsSync(bundle), `${fn.id}: ${bundle}`).toBe(true);
        expect(existsSync(`${bundle}.map`), `${fn.id}: source map`).toBe(true);
        const code = readFileSync(bundle, "utf8");
        // CommonJS, as the Lambda runtime requires index.js (service-function.ts, BUNDLE_FORMAT): it compiles as a script
        // — an `import` statement would not — and Node's built-ins are required, not imported as ES modules
        expect(() => new Script(code, { filename: bundle }), `${fn.id}: not CommonJS`).not.toThrow();
        expect(code, `${fn.id}: imports a built-in`).not.toMatch(/from\s*["']node:/);
        // the SDK is inside the bundle (the version the tests ran against), not required from the runtime
        // (a client or the document client; the SDK's own messages quote `require("@aws-sdk/signature-v4-crt")`)
        expect(code, `${fn.id}: requires the runtime's SDK`).not.toMatch(
          /require\(["']@aws-sdk\/(client|lib)-/,
        );
      }
    } finally {
      rmSync(assembly.directory, { recursive: true, force: true });
    }
    // A limit, not a measure (speed is for `npm run bench`): CDK bundles the functions one after another, about a
    // second each on two cores, and in CI the integration suite runs beside it — 180 s was too tight for 130+.
  }, 600_000);
});
