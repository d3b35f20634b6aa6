import { Template } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { createApp } from "#infra/aws/gov-service-app.ts";
import { NO_BUNDLING } from "./synth.ts";

interface Index {
  IndexName: string;
  Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
}

/** A service's table's indexes as its nested stack's template declares them. */
function indexesOf(context: Record<string, unknown>, service: string): Index[] {
  const { stack } = createApp({ nag: false, context: { ...NO_BUNDLING, ...context } });
  const tables = Template.fromStack(stack.services.get(service as never)!).findResources(
    "AWS::DynamoDB::Table",
  );
  const [table] = Object.values(tables) as { Properties: { GlobalSecondaryIndexes?: Index[] } }[];
  return table!.Properties.GlobalSecondaryIndexes ?? [];
}
const names = (indexes: Index[]) => indexes.map((i) => i.IndexName);

describe("the deploys that change an index's projection (docs/upgrading.md)", () => {
  it("omitIndexes leaves the named index of the named service out, and every other index in", () => {
    // Arrange
    const all = names(indexesOf({}, "review"));
    // Act
    const without = names(indexesOf({ omitIndexes: "review/gsi2, delivery/gsi3" }, "review"));
    // Assert
    expect(all).toContain("gsi2");
    expect(without).toEqual(all.filter((name) => name !== "gsi2"));
    expect(indexesOf({ omitIndexes: "review/gsi2" }, "delivery")).toEqual(indexesOf({}, "delivery"));
  });

  it("projectAll keeps the named index with every attribute, as it was before its projection changed", () => {
    // Arrange: review's gsi1 projects keys and a few attributes (issue 21)
    const declared = indexesOf({}, "review").find((i) => i.IndexName === "gsi1")!;
    // Act
    const kept = indexesOf({ projectAll: "review/gsi1" }, "review");
    // Assert
    expect(declared.Projection.ProjectionType).not.toBe("ALL");
    expect(kept.find((i) => i.IndexName === "gsi1")!.Projection).toEqual({ ProjectionType: "ALL" });
    expect(kept.filter((i) => i.IndexName !== "gsi1")).toEqual(
      indexesOf({}, "review").filter((i) => i.IndexName !== "gsi1"),
    );
  });

  it("refuses a service or an index the manifest does not have, rather than deploying everything", () => {
    expect(() => indexesOf({ omitIndexes: "revew/gsi2" }, "review")).toThrow(
      /not <service>\/<index>: revew\/gsi2/,
    );
    expect(() => indexesOf({ projectAll: "review/gsi9" }, "review")).toThrow(/review has no index gsi9/);
  });
});
