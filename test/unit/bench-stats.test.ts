import { describe, expect, it } from "vitest";
import { eventItemsIn } from "../bench/capacity.ts";
import { median, percentile, relativeDifference, round, summarize, throughput } from "../bench/stats.ts";

describe("bench statistics", () => {
  it("takes nearest-rank percentiles: always a latency that was observed", () => {
    // Arrange: 1..100 shuffled
    const samples = Array.from({ length: 100 }, (_, i) => ((i * 37) % 100) + 1);
    // Act / Assert
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([7, 1, 3], 50)).toBe(3);
    expect(median([4, 2])).toBe(2);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it("summarizes latencies without reordering the caller's array", () => {
    const samples = [30, 10, 20, 40];
    expect(summarize(samples)).toEqual({ count: 4, p50: 20, p95: 40, p99: 40, max: 40, mean: 25 });
    expect(samples).toEqual([30, 10, 20, 40]);
    expect(summarize([]).count).toBe(0);
  });

  it("computes throughput per second, rounding and relative spread", () => {
    expect(throughput(500, 2000)).toBe(250);
    expect(throughput(1, 0)).toBeNaN();
    expect(round(1234.56)).toBe(1235);
    expect(round(12.345)).toBe(12.3);
    expect(round(0.12345)).toBe(0.12);
    expect(relativeDifference(100, 110)).toBeCloseTo(10 / 110);
    expect(relativeDifference(0, 0)).toBe(0);
  });

  it("counts the event items a write carries, in document or marshalled form", () => {
    expect(
      eventItemsIn({
        TransactItems: [
          { Put: { Item: { pk: "a", entity: "application" } } },
          { Put: { Item: { pk: "a", entity: "event" } } },
          { Update: {} },
        ],
      }),
    ).toBe(1);
    expect(eventItemsIn({ Item: { entity: { S: "event" } } })).toBe(1);
    expect(
      eventItemsIn({
        RequestItems: { t: [{ PutRequest: { Item: { entity: "event" } } }, { DeleteRequest: {} }] },
      }),
    ).toBe(1);
    expect(eventItemsIn({ Key: { pk: "a" } })).toBe(0);
  });
});
