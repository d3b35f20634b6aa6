import { defineConfig } from "vitest/config";
import IntegrationSequencer from "./test/integration/sequencer.ts";

/**
 * Three projects: `unit` (pure code, no I/O, beside the code it tests), `integration` (one local stack — DynamoDB
 * Local, the SQS server, the S3 emulator and the runtime — started once by the global setup, files run one after another because they
 * share its virtual clock), and `infra` (CDK templates).
 */
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    sequence: { sequencer: IntegrationSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "shared/**/*.test.ts",
            "services/**/*.test.ts",
            "infra/local/**/*.test.ts",
            "test/unit/**/*.test.ts",
            "web/src/**/*.test.ts",
          ],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/integration/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "infra",
          include: ["test/infra/**/*.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
