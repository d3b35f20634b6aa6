import { describe, expect, it } from "vitest";
import {
  ASSUMPTIONS,
  costPerMillionCases,
  extrasPerMillionCases,
  gbSeconds,
  PRICES,
  smsParts,
} from "../bench/cost.ts";

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

  it("counts an SMS as one part up to 70 characters and in parts of 67 beyond", () => {
    const sign = "【北京政务服务】"; // 8 characters, the brackets included
    expect(smsParts(sign + "中".repeat(62))).toBe(1); // 70
    expect(smsParts(sign + "中".repeat(63))).toBe(2); // 71 → 67 + 4
    expect(smsParts("中".repeat(134))).toBe(2); // 67 + 67
    expect(smsParts("中".repeat(135))).toBe(3);
    // Digits and Latin letters count one each, like 汉字; a character outside the BMP is one character, not two.
    expect(smsParts("受理编号A-2027-000123，请于5个工作日内补正。".padEnd(70, "。"))).toBe(1);
    expect(smsParts("中".repeat(69) + "😀")).toBe(1); // 70 characters, 71 UTF-16 units
  });

  it("prices messages, cold starts, traces and logs per million cases", () => {
    // Arrange: 3 SMS in 5 parts, 2 emails, 1.2 GB-s of INIT if every invocation were cold, 10 trace roots, 50 KB
    const extras = {
      sms: 3,
      smsParts: 5,
      emails: 2,
      initGbSecondsAllCold: 1.2,
      traceRoots: 10,
      logBytes: 50_000,
    };
    // Act
    const cost = extrasPerMillionCases(extras);
    // Assert: by hand
    expect(cost.sms).toBeCloseTo((5 * 0.045 * 1e6) / 7.1); // ¥225,000 at 7.1 = $31,690
    expect(cost.email).toBeCloseTo(2 * 100); // $0.10 a thousand = $100 a million
    expect(cost.messaging).toBeCloseTo(cost.sms + cost.email);
    expect(cost.init!.allCold).toBeCloseTo(1.2 * 0.0000133334 * 1e6); // 16
    expect(cost.init!.atShare).toBeCloseTo(cost.init!.allCold * 0.01);
    expect(cost.xray.allTraces).toBeCloseTo(10 * 5); // $5 a million traces
    expect(cost.xray.atDefaultSampling).toBeCloseTo(50 * 0.05);
    expect(cost.logs).toBeCloseTo(50_000 * 1e6 * 0.5e-9); // 50 GB at $0.50 = $25
    expect(ASSUMPTIONS).toMatchObject({ coldStartShare: 0.01, tracesSampledShare: 0.05 });
  });

  it("leaves INIT out when the run measured no init", () => {
    const cost = extrasPerMillionCases({ sms: 0, smsParts: 0, emails: 0, traceRoots: 0, logBytes: 0 });
    expect(cost.init).toBeUndefined();
    expect(cost.messaging).toBe(0);
  });
});
