import { describe, expect, it } from "vitest";
import { BROWSER_CORS, corsConfigurationXml } from "#infra/bucket-cors.ts";
import {
  buildModel,
  bucketAccessFor,
  environmentFor,
  model,
  services,
  type Resolved,
} from "#infra/manifest.ts";
import { bucketEnv } from "#shared/manifest/naming.ts";
import type { BucketDefinition, ServiceDefinition } from "#shared/manifest/types.ts";

const resolved: Resolved = {
  tableName: (s) => `t-${s}`,
  queueUrl: (id) => `https://q/${id}`,
  auth: {},
  messaging: {},
  signingKey: () => ({}),
  integration: () => ({}),
  bucketName: (service, name) => `physical-${service}-${name}`,
};

const bucketVariables = (env: Record<string, string>) =>
  Object.fromEntries(Object.entries(env).filter(([k]) => k.endsWith("_BUCKET")));

/** The real services, with intake's buckets replaced. */
const withIntakeBuckets = (buckets: Record<string, BucketDefinition>) =>
  buildModel(services.map((s): ServiceDefinition => (s.name === "intake" ? { ...s, buckets } : s)));

describe("buckets in the manifest", () => {
  it("models intake's materials bucket with its variable and id", () => {
    expect(model.buckets.map((b) => [b.id, b.envVar])).toEqual([
      ["intake-materials", "INTAKE_MATERIALS_BUCKET"],
    ]);
    const [materials] = model.buckets;
    expect(materials).toMatchObject({ service: "intake", name: "materials" });
    expect(materials!.definition.expireTagged).toEqual({ key: "attached", value: "false", days: 2 });
    expect(materials!.definition.browserAccess).toBe(true);
    expect(bucketEnv("intake", "scanned-copies")).toBe("INTAKE_SCANNED_COPIES_BUCKET");
  });

  it("gives every intake function the bucket's name, the publisher included, and other functions none", () => {
    const intake = model.functions.filter((f) => f.owner === "intake");
    expect(intake.map((f) => f.kind)).toContain("publisher");
    for (const fn of model.functions) {
      expect(bucketVariables(environmentFor(fn, resolved)), fn.id).toEqual(
        fn.owner === "intake" ? { INTAKE_MATERIALS_BUCKET: "physical-intake-materials" } : {},
      );
    }
  });

  it("lets functions that write the table write objects, readers read them, and the publisher neither", () => {
    const intake = model.functions.filter((f) => f.owner === "intake");
    for (const fn of intake) {
      const expected = fn.kind === "publisher" ? "none" : fn.tableAccess === "readWrite" ? "write" : "read";
      expect(bucketAccessFor(fn), fn.id).toBe(expected);
    }
    expect(new Set(intake.map(bucketAccessFor))).toEqual(new Set(["write", "read", "none"]));
    for (const fn of model.functions.filter((f) => f.owner === "platform"))
      expect(bucketAccessFor(fn)).toBe("none");
  });

  it("refuses a runtime that cannot resolve a declared bucket", () => {
    const { bucketName: _, ...withoutBuckets } = resolved;
    const fn = model.functions.find((f) => f.owner === "intake")!;
    expect(() => environmentFor(fn, withoutBuckets)).toThrow(
      /resolves no buckets; intake-materials is declared/,
    );
    const catalog = model.functions.find((f) => f.owner === "catalog")!;
    expect(() => environmentFor(catalog, withoutBuckets)).not.toThrow();
  });

  it("refuses a bucket not named in kebab-case, or an expiry that is not a whole number of days", () => {
    expect(() =>
      withIntakeBuckets({
        Materials_2: { description: "x" },
        scans: { description: "x", expireTagged: { key: "attached", value: "false", days: 0.5 } },
      }),
    ).toThrow(
      /bucket "Materials_2" of intake is not a kebab-case name[\s\S]*bucket scans of intake: expireTagged/,
    );
    expect(withIntakeBuckets({ "scanned-copies": { description: "x" } }).buckets[0]!.envVar).toBe(
      "INTAKE_SCANNED_COPIES_BUCKET",
    );
  });
});

describe("the browser's CORS rule", () => {
  it("renders the one rule both runtimes use as S3's XML, for the emulator", () => {
    expect(corsConfigurationXml(["http://127.0.0.1:3000"])).toBe(
      '<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><CORSRule>' +
        "<AllowedOrigin>http://127.0.0.1:3000</AllowedOrigin>" +
        "<AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>PUT</AllowedMethod>" +
        "<AllowedHeader>content-type</AllowedHeader><AllowedHeader>x-amz-checksum-sha256</AllowedHeader>" +
        "<AllowedHeader>x-amz-sdk-checksum-algorithm</AllowedHeader><AllowedHeader>x-amz-tagging</AllowedHeader>" +
        "<ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>",
    );
    expect(BROWSER_CORS.methods).not.toContain("DELETE");
  });
});
