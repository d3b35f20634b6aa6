import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ESM_REQUIRE_BANNER } from "#infra/aws/constructs/service-function.ts";
import { model } from "#infra/manifest.ts";
import { logicalId, synthesize } from "./synth.ts";

describe("bundling", () => {
  it("builds every function as an ESM bundle with the local esbuild (no Docker)", () => {
    const { app, stack, resources } = synthesize({ bundling: true });
    const assembly = app.synth();
    try {
      for (const fn of model.functions) {
        const asset = resources[logicalId(stack.functions.get(fn.id)!.function)]!.Properties.Code as {
          S3Key: string;
        };
        // The asset's staging directory is named after the same hash as its S3 key.
        const bundle = join(assembly.directory, `asset.${asset.S3Key.replace(/\.zip$/, "")}`, "index.mjs");
        expect(existsSync(bundle), `${fn.id}: ${bundle}`).toBe(true);
        expect(existsSync(`${bundle}.map`), `${fn.id}: source map`).toBe(true);
        const code = readFileSync(bundle, "utf8");
        expect(code.startsWith(ESM_REQUIRE_BANNER), `${fn.id}: banner`).toBe(true);
        // the SDK is inside the bundle (the version the tests ran against), not imported from the runtime
        expect(code, `${fn.id}: imports the runtime's SDK`).not.toMatch(/from\s*["']@aws-sdk\//);
      }
    } finally {
      rmSync(assembly.directory, { recursive: true, force: true });
    }
    // A limit, not a measure (speed is for `npm run bench`): CDK bundles the functions one after another, about a
    // second each on two cores, and in CI the integration suite runs beside it — 180 s was too tight for 130+.
  }, 600_000);
});
