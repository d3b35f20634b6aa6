import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { createApp } from "#infra/aws/gov-service-app.ts";
import { NO_BUNDLING } from "./synth.ts";

/** Each SQS event source mapping of a service's nested stack: its queue (a reference) and whether it is enabled. */
function mappingsOf(context: Record<string, unknown>, service: string) {
  const { stack } = createApp({ nag: false, context: { ...NO_BUNDLING, ...context } });
  const mappings = Template.fromStack(stack.services.get(service as never)!).findResources(
    "AWS::Lambda::EventSourceMapping",
  );
  return Object.values(mappings)
    .map((m) => (m as { Properties: { EventSourceArn: unknown; Enabled?: boolean } }).Properties)
    .filter((p) => !JSON.stringify(p.EventSourceArn).includes("StreamArn"))
    .map((p) => p.Enabled ?? true);
}

describe("pausedConsumers: the deploy that keeps a service's queues while its data is migrated (docs/upgrading.md)", () => {
  it("deploys the named services' consumers disabled and every other service's enabled", () => {
    // Act
    const paused = { pausedConsumers: "complaints,monitoring" };
    // Assert: complaints has two queues (events, callbacks), monitoring one
    expect(mappingsOf(paused, "complaints")).toEqual([false, false]);
    expect(mappingsOf(paused, "monitoring")).toEqual([false]);
    expect(mappingsOf(paused, "intake").every(Boolean)).toBe(true);
    expect(mappingsOf({}, "complaints")).toEqual([true, true]);
  });

  it("refuses a name that is not a service, rather than deploying every consumer running", () => {
    expect(() => mappingsOf({ pausedConsumers: "supervision" }, "complaints")).toThrow(
      /pausedConsumers: not a service: supervision/,
    );
  });
});
