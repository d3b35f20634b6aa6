import { describe, expect, it } from "vitest";
import { costPerMillionCases, gbSeconds, PRICES } from "../bench/cost.ts";

describe("cost per million cases (us-east-1 on-demand)", () => {
  it("prices each resource per million and sums DynamoDB, SQS and Lambda", () => {
    // Arrange: a case of 10 WRU, 4 RRU, 6 SQS requests, 5 invocations, 0.5 GB-s, 3 HTTP requests
    const usage = {
      wcu: 10,
      rcu: 4,
      sqsRequests: 6,
      lambdaInvocations: 5,
      lambdaGbSeconds: 0.5,
      httpRequests: 3,
    };
    // Act
    const cost = costPerMillionCases(usage);
    // Assert: by hand
    expect(cost.dynamodb).toBeCloseTo(10 * 0.625 + 4 * 0.125); // 6.75
    expect(cost.sqs).toBeCloseTo(6 * 0.4); // 2.4
    expect(cost.lambdaRequests).toBeCloseTo(5 * 0.2); // 1
    expect(cost.lambdaCompute).toBeCloseTo(0.5 * 0.0000133334 * 1e6); // 6.6667
    expect(cost.total).toBeCloseTo(6.75 + 2.4 + 1 + 6.6667, 3);
    expect(cost.httpApi).toBeCloseTo(3);
  });

  it("states the region and prices it uses", () => {
    expect(PRICES).toMatchObject({
      region: "us-east-1",
      asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      dynamoWriteUsdPerMillion: 0.625,
      dynamoReadUsdPerMillion: 0.125,
      sqsUsdPerMillionRequests: 0.4,
      lambdaUsdPerMillionRequests: 0.2,
      lambdaUsdPerGbSecond: 0.0000133334,
    });
  });

  it("bills Lambda duration rounded up to the millisecond, at the function's memory", () => {
    expect(
      gbSeconds([
        { durationMs: 99.2, memoryMb: 512 }, // 100 ms × 0.5 GB = 0.05
        { durationMs: 1000, memoryMb: 1024 }, // 1 s × 1 GB = 1
      ]),
    ).toBeCloseTo(1.05);
  });
});
