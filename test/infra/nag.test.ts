import { describe, expect, it } from "vitest";
import { createApp } from "#infra/aws/gov-service-app.ts";
import { NO_BUNDLING } from "./synth.ts";

describe("cdk-nag", () => {
  it("finds nothing unacknowledged in the AWS Solutions and Serverless packs", () => {
    // The packs run as CDK validation plugins: any unacknowledged finding, error or warning, makes synth throw.
    const { app } = createApp({ context: NO_BUNDLING });
    expect(() => app.synth()).not.toThrow();
  });
});
