import { rmSync } from "node:fs";
import { Queue } from "aws-cdk-lib/aws-sqs";
import { describe, expect, it } from "vitest";
import { createApp } from "#infra/aws/gov-service-app.ts";
import { consoleBuild, NO_BUNDLING } from "./synth.ts";

describe("cdk-nag", () => {
  it("finds nothing unacknowledged in the AWS Solutions and Serverless packs", () => {
    // The packs run as CDK validation plugins: any unacknowledged finding, error or warning, makes synth throw.
    const { app } = createApp({ context: NO_BUNDLING });
    expect(() => app.synth()).not.toThrow();
  });

  it.each([
    ["built", true],
    ["not built", false],
  ])("finds nothing unacknowledged in the console's hosting with the console %s", (_, built) => {
    // The hosting deploys differently without web/dist (config.json only), and a clean clone has not built it.
    const build = built ? consoleBuild() : undefined;
    try {
      const { app } = createApp({ context: NO_BUNDLING, consoleFiles: build ?? null });
      expect(() => app.synth()).not.toThrow();
    } finally {
      if (build) rmSync(build, { recursive: true, force: true });
    }
  });

  it("checks every nested stack, not only the root", () => {
    // Most resources are in nested stacks: a check that saw only the root's templates would pass them unseen.
    const { app, stack } = createApp({ context: NO_BUNDLING });
    const nested = [stack.messaging, ...stack.services.values()];
    // No DLQ and no TLS-only policy: AwsSolutions-SQS3, AwsSolutions-SQS4 and Serverless-SQSRedrivePolicy.
    for (const s of nested) new Queue(s, "Unchecked", { enforceSSL: false });
    let report = "";
    try {
      app.synth();
    } catch (error) {
      report = (error as Error).message;
    }
    expect(report).not.toBe("");
    for (const s of nested) {
      for (const rule of ["AwsSolutions-SQS3", "AwsSolutions-SQS4", "Serverless-SQSRedrivePolicy"]) {
        const finding = new RegExp(`${s.node.path}/Unchecked/Resource\\b[^\\n]*\\n[^\\n]*${rule}'`);
        expect(report, `${rule} in ${s.node.path}`).toMatch(finding);
      }
    }
  });
});
