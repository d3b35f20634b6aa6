import { Queue } from "aws-cdk-lib/aws-sqs";
import { describe, expect, it } from "vitest";
import { createApp } from "#infra/aws/gov-service-app.ts";
import { NO_BUNDLING } from "./synth.ts";

describe("cdk-nag", () => {
  it("finds nothing unacknowledged in the AWS Solutions and Serverless packs", () => {
    // The packs run as CDK validation plugins: any unacknowledged finding, error or warning, makes synth throw.
    const { app } = createApp({ context: NO_BUNDLING });
    expect(() => app.synth()).not.toThrow();
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
