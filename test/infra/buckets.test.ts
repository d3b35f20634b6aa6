import { describe, expect, it } from "vitest";
import { createApp } from "#infra/aws/gov-service-app.ts";
import { bucketAccessFor, model, type BucketModel } from "#infra/manifest.ts";
import { SERVICE_NAMES } from "#shared/manifest/naming.ts";
import {
  actionsOf,
  linkStacks,
  logicalId,
  NO_BUNDLING,
  render,
  resourcesOf,
  roleStatements,
  stackOf,
  synthesize,
} from "./synth.ts";

// CloudFormation JSON is untyped; the tests walk it as such and assert on the shape.
type Json = any;

/**
 * The manifest's buckets in AWS (issue 19: electronic materials): private, encrypted, TLS-only, versioned and retained,
 * with the lifecycle the manifest declares, access logs in the root's log bucket, CORS for the console's origin, and
 * object access by manifest-derived least privilege.
 */
const { stack, resources } = synthesize();
const props = (id: string): Json => resources[id]!.Properties;
const bucketOf = (b: BucketModel) => stack.services.get(b.service)!.resources.buckets.get(b.name)!;
const materials = model.buckets.find((b) => b.id === "intake-materials")!;
const MATERIALS = logicalId(bucketOf(materials));
const CONSOLE_ORIGIN = `https://\${${logicalId(stack.console.distribution)}.DomainName}`;
const fnOf = (id: string) => stack.functions.get(id)!;
/** The S3 statements of a function's role, rendered (`${…Arn}/*`). */
const s3Statements = (fnId: string) =>
  roleStatements(resources, logicalId(fnOf(fnId).function.role!))
    .filter((s) => actionsOf(s).some((a) => a.startsWith("s3:")))
    .map((s) => ({ Effect: s.Effect, actions: actionsOf(s), resources: resourcesOf(s).map(render) }));

const WRITE = ["s3:GetObject", "s3:GetObjectTagging", "s3:PutObject", "s3:PutObjectTagging"];
const READ = ["s3:GetObject"];

describe("buckets in AWS", () => {
  it("builds one bucket per declared bucket, in its service's stack, and intake's materials among them", () => {
    expect(materials.definition).toMatchObject({
      expireTagged: { key: "attached", value: "false", days: 2 },
      browserAccess: true,
    });
    for (const b of model.buckets) {
      expect(stackOf(logicalId(bucketOf(b))), b.id).toBe(stack.services.get(b.service)!.node.path);
    }
    // The console's files and the log bucket are the root's; every other bucket is a declared one.
    const declared = Object.entries(resources).filter(
      ([id, r]) => r.Type === "AWS::S3::Bucket" && stackOf(id) !== stack.node.path,
    );
    expect(declared.map(([id]) => id).sort()).toEqual(
      model.buckets.map((b) => logicalId(bucketOf(b))).sort(),
    );
  });

  it("is private, S3-encrypted, versioned, owner-enforced and retained", () => {
    const bucket = resources[MATERIALS]!;
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
      },
      VersioningConfiguration: { Status: "Enabled" },
      OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
    });
    expect(bucket.DeletionPolicy).toBe("Retain");
    expect((bucket as Json).UpdateReplacePolicy).toBe("Retain");
  });

  it("refuses plain HTTP and TLS below 1.2, and allows no one by its bucket policy", () => {
    const [, policy] = Object.entries(resources).find(
      ([, r]) =>
        r.Type === "AWS::S3::BucketPolicy" &&
        JSON.stringify(r.Properties.Bucket) === JSON.stringify({ Ref: MATERIALS }),
    )!;
    const statements = (policy.Properties as Json).PolicyDocument.Statement as Json[];
    expect(statements.map((s) => [s.Effect, s.Condition])).toEqual([
      ["Deny", { Bool: { "aws:SecureTransport": "false" } }],
      ["Deny", { NumericLessThan: { "s3:TlsVersion": 1.2 } }],
    ]);
  });

  it("expires objects tagged attached=false after 2 days, old versions after 30, stalled uploads after 1", () => {
    expect(props(MATERIALS).LifecycleConfiguration.Rules).toEqual([
      {
        Id: "expire-attached-false",
        Status: "Enabled",
        TagFilters: [{ Key: "attached", Value: "false" }],
        ExpirationInDays: 2,
      },
      {
        Id: "versions-and-uploads",
        Status: "Enabled",
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        ExpiredObjectDeleteMarker: true,
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      },
    ]);
  });

  it("writes its server access logs to the root's log bucket, under its own prefix", () => {
    expect(props(MATERIALS).LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: logicalId(stack.console.logs) },
      LogFilePrefix: "s3/intake-materials/",
    });
    // S3's log delivery writes there under the log bucket's ACL, which names no bucket: the root refers to no service.
    expect(props(logicalId(stack.console.logs)).AccessControl).toBe("LogDeliveryWrite");
  });

  it("lets the console's origin upload and download with presigned URLs, sending the headers they sign", () => {
    expect(render(props(MATERIALS).CorsConfiguration)).toEqual({
      CorsRules: [
        {
          AllowedOrigins: [CONSOLE_ORIGIN],
          AllowedMethods: ["GET", "HEAD", "PUT"],
          AllowedHeaders: [
            "content-type",
            "x-amz-checksum-sha256",
            "x-amz-sdk-checksum-algorithm",
            "x-amz-tagging",
          ],
          ExposedHeaders: ["ETag"],
        },
      ],
    });
  });

  it("adds the API's configured CORS origins (other front ends) to the console's", () => {
    const { app, stack: other } = createApp({
      nag: false,
      context: { ...NO_BUNDLING, corsAllowOrigins: "https://portal.example.gov.cn" },
    });
    const linked = linkStacks(app, other);
    const bucket = logicalId(other.services.get("intake")!.resources.buckets.get("materials")!);
    const cors = render(linked.resources[bucket]!.Properties.CorsConfiguration) as Json;
    expect(cors.CorsRules[0].AllowedOrigins).toEqual([
      `https://\${${logicalId(other.console.distribution)}.DomainName}`,
      "https://portal.example.gov.cn",
    ]);
  });
});

describe("who reaches the buckets", () => {
  it("gives every function of the owning service the bucket's name, and no other function any bucket", () => {
    for (const fn of model.functions) {
      const variables = (props(logicalId(fnOf(fn.id).function)).Environment?.Variables ?? {}) as Record<
        string,
        unknown
      >;
      const buckets = Object.fromEntries(Object.entries(variables).filter(([k]) => k.endsWith("_BUCKET")));
      const expected = Object.fromEntries(
        model.buckets
          .filter((b) => b.service === fn.owner)
          .map((b) => [b.envVar, { Ref: logicalId(bucketOf(b)) }]),
      );
      expect(buckets, fn.id).toEqual(expected);
    }
    expect(materials.envVar).toBe("INTAKE_MATERIALS_BUCKET");
  });

  it("lets a function that writes intake's table put, get and tag its objects — and nothing on the bucket itself", () => {
    const writer = model.functions.find((f) => f.id === "intake-submit-application")!;
    expect(bucketAccessFor(writer)).toBe("write");
    expect(s3Statements(writer.id)).toEqual([
      { Effect: "Allow", actions: WRITE, resources: [`\${${MATERIALS}.Arn}/*`] },
    ]);
  });

  it("lets a read-only intake function only get objects (download URLs), never put one", () => {
    const reader = model.functions.find((f) => f.owner === "intake" && f.tableAccess === "read")!;
    expect(bucketAccessFor(reader)).toBe("read");
    expect(s3Statements(reader.id)).toEqual([
      { Effect: "Allow", actions: READ, resources: [`\${${MATERIALS}.Arn}/*`] },
    ]);
  });

  it.each(model.functions.map((f) => [f.id, f] as const))(
    "%s reaches exactly its own service's buckets, as its table access allows",
    (_, fn) => {
      const access = bucketAccessFor(fn);
      const own = model.buckets.filter((b) => b.service === fn.owner);
      const expected =
        access === "none" || !own.length
          ? []
          : own.map((b) => ({
              Effect: "Allow",
              actions: access === "write" ? WRITE : READ,
              resources: [`\${${logicalId(bucketOf(b))}.Arn}/*`],
            }));
      expect(s3Statements(fn.id)).toEqual(expected);
    },
  );

  it("covers every kind of access among intake's functions, and the other services' functions have none", () => {
    const intake = model.functions.filter((f) => f.owner === "intake");
    expect(new Set(intake.map(bucketAccessFor))).toEqual(new Set(["write", "read", "none"]));
    const others = SERVICE_NAMES.filter((s) => s !== "intake").flatMap((s) =>
      model.functions.filter((f) => f.owner === s),
    );
    expect(others.length).toBeGreaterThan(0);
    for (const fn of [...others, ...model.functions.filter((f) => f.owner === "platform")]) {
      expect(s3Statements(fn.id), fn.id).toEqual([]);
    }
  });
});
