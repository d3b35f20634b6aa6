import { App, Validations } from "aws-cdk-lib";
import { Match } from "aws-cdk-lib/assertions";
import { AwsSolutionsChecks, ServerlessChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import { GovServiceStack } from "#infra/aws/stacks/gov-service-stack.ts";
import { buildModel, services, signingAccessFor, type Model } from "#infra/manifest.ts";
import type { ServiceName } from "#shared/manifest/naming.ts";
import { defineService } from "#shared/manifest/types.ts";
import {
  getAtt,
  KMS_ACTIONS,
  kmsGrantsOf,
  linkStacks,
  logicalId,
  NO_BUNDLING,
  roleStatements,
  actionsOf,
  stackOf,
} from "./synth.ts";

// CloudFormation JSON is untyped; the tests walk it as such and assert on the shape.
type Json = any;

/**
 * A model that declares signing keys whatever the services' own entries say today: catalog (whose handler files exist:
 * read and write routes, a consumer, a schedule, a publisher) with one key, and two stand-ins with only their
 * publishers — one with no key, one with two. Stand-ins rather than real services, so the model stays consistent (every
 * consumed event has its publisher) whatever the real services come to consume.
 */
const catalog = services.find((s) => s.name === "catalog")!;
const standIn = (name: "delivery" | "monitoring", signingKeys: string[]) =>
  defineService({
    name,
    description: "x",
    table: { indexes: [] },
    routes: [],
    queues: {},
    schedules: [],
    publishes: [],
    signingKeys,
  });
const sealed: Model = buildModel([
  { ...catalog, signingKeys: ["seal"] },
  standIn("delivery", []),
  standIn("monitoring", ["seal", "hotline-reply"]),
]);

function build({ nag }: { nag: boolean }) {
  const app = new App({ context: NO_BUNDLING });
  const stack = new GovServiceStack(app, "GovService", { model: sealed });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}

const { app, stack } = build({ nag: false });
// The root's and the nested stacks' resources, linked into one (synth.ts), so a grant on a key reads as on its key.
const { template, resources } = linkStacks(app, stack);
const keysOf = (service: ServiceName) => stack.services.get(service)!.resources.signingKeys;
const keyOf = (service: "catalog" | "monitoring", name: string) => logicalId(keysOf(service).get(name)!);

describe("signing keys in AWS", () => {
  it("creates one retained ECC_NIST_P256 SIGN_VERIFY key per declared key, under its alias", () => {
    template.resourcePropertiesCountIs(
      "AWS::KMS::Key",
      { KeyUsage: "SIGN_VERIFY" },
      sealed.signingKeys.length,
    );
    template.resourceCountIs("AWS::KMS::Alias", sealed.signingKeys.length);
    for (const k of sealed.signingKeys) {
      const id = keyOf(k.service as "catalog" | "monitoring", k.name);
      expect(resources[id]).toMatchObject({
        Type: "AWS::KMS::Key",
        Properties: { KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" },
        DeletionPolicy: "Retain",
        UpdateReplacePolicy: "Retain",
      });
      expect(resources[id]!.Properties.EnableKeyRotation).toBeUndefined();
      // In the stack of the service that signs with it, beside the functions granted it.
      expect(stackOf(id)).toBe(stack.services.get(k.service)!.node.path);
      template.hasResourceProperties("AWS::KMS::Alias", {
        AliasName: k.alias,
        TargetKeyId: getAtt(id, "Arn"),
      });
    }
    expect(sealed.signingKeys.map((k) => k.alias).sort()).toEqual([
      "alias/govservice/catalog-seal",
      "alias/govservice/monitoring-hotline-reply",
      "alias/govservice/monitoring-seal",
    ]);
  });

  it("keeps KMS's default key policy: the account itself, so the functions' IAM policies decide, and no one else", () => {
    for (const k of sealed.signingKeys) {
      const statements = (resources[keyOf(k.service as "catalog" | "monitoring", k.name)]!.Properties as Json)
        .KeyPolicy.Statement as Json[];
      expect(statements).toEqual([
        {
          Effect: "Allow",
          Action: "kms:*",
          Resource: "*",
          Principal: {
            AWS: {
              "Fn::Join": [
                "",
                ["arn:", { Ref: "AWS::Partition" }, ":iam::", { Ref: "AWS::AccountId" }, ":root"],
              ],
            },
          },
        },
      ]);
    }
  });

  it.each(sealed.functions.map((f) => [f.id, f] as const))(
    "%s may Sign only if it writes, Verify if it reads, on its own service's keys only",
    (_, fn) => {
      const own = fn.owner === "platform" ? [] : [...keysOf(fn.owner).values()];
      const access = own.length ? signingAccessFor(fn) : "none";
      expect(kmsGrantsOf(resources, logicalId(stack.functions.get(fn.id)!.function.role!))).toEqual({
        actions: [...KMS_ACTIONS[access]],
        keys: access === "none" ? [] : own.map(logicalId).sort(),
      });
    },
  );

  it("covers every kind of access, and no read-only function can Sign", () => {
    const catalogFns = sealed.functions.filter((f) => f.owner === "catalog");
    expect(new Set(catalogFns.map(signingAccessFor))).toEqual(new Set(["sign", "verify", "none"]));
    const readers = catalogFns.filter((f) => f.tableAccess === "read");
    expect(readers.length).toBeGreaterThan(0);
    for (const fn of readers) {
      const role = logicalId(stack.functions.get(fn.id)!.function.role!);
      expect(roleStatements(resources, role).flatMap(actionsOf)).not.toContain("kms:Sign");
    }
  });

  it("grants no wildcard KMS action to any role", () => {
    const kmsActions = Object.entries(resources)
      .filter(([, r]) => r.Type === "AWS::IAM::Role")
      .flatMap(([role]) => roleStatements(resources, role).flatMap(actionsOf))
      .filter((a) => a.startsWith("kms:"));
    expect(new Set(kmsActions)).toEqual(new Set(["kms:Sign", "kms:Verify"]));
  });

  it("gives every function of a service with keys the keys' ARNs, and other functions none", () => {
    for (const fn of sealed.functions) {
      const vars = ((resources[logicalId(stack.functions.get(fn.id)!.function)]!.Properties as Json)
        .Environment?.Variables ?? {}) as Record<string, unknown>;
      const expected = Object.fromEntries(
        sealed.signingKeys
          .filter((k) => k.service === fn.owner)
          .map((k) => [k.env.kmsKeyId, getAtt(keyOf(k.service as "catalog" | "monitoring", k.name), "Arn")]),
      );
      const actual = Object.fromEntries(
        Object.entries(vars).filter(([name]) => name.endsWith("_KMS_KEY_ID")),
      );
      expect(actual, fn.id).toEqual(expected);
    }
    expect(Object.keys(sealed.signingKeys.find((k) => k.name === "hotline-reply")!.env)).toHaveLength(3);
    template.hasResourceProperties("AWS::Lambda::Function", {
      Environment: {
        Variables: Match.objectLike({ MONITORING_HOTLINE_REPLY_KMS_KEY_ID: Match.anyValue() }),
      },
    });
  });

  it("passes cdk-nag (AWS Solutions and Serverless packs) with the keys in the stack", () => {
    const { app } = build({ nag: true });
    expect(() => app.synth()).not.toThrow();
  });
});
