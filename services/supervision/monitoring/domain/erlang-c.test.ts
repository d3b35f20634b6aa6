import { describe, expect, it } from "vitest";
import { offeredLoad, queueOption, waitProbability, windowsNeeded } from "./erlang-c.ts";
import { percentile, merge, emptyBucket, slot, summarize, minuteBucket } from "./queue-metrics.ts";

describe("Erlang C", () => {
  it("matches the textbook case: 10 arrivals an hour, 12-minute services, 3 windows", () => {
    // a = 10/60 × 12 = 2 Erlangs; C(3, 2) = (2³/3! × 3/(3−2)) / (1 + 2 + 2²/2 + 2³/3! × 3) = 4/9.
    expect(offeredLoad(10, 12)).toBeCloseTo(2, 10);
    expect(waitProbability(3, 2)).toBeCloseTo(4 / 9, 10);
    const three = queueOption(3, 10, 12, 5);
    // Wq = C × S / (c − a) = 4/9 × 12 = 5.33 minutes; P(W ≤ t) = 1 − C e^{−(c−a)t/S}.
    expect(three.expectedWaitMinutes).toBeCloseTo(48 / 9, 10);
    expect(three.serviceLevel).toBeCloseTo(1 - (4 / 9) * Math.exp(-5 / 12), 10);
  });

  it("matches C(2, 1) = 1/3 and a single server's M/M/1 wait ρ/(1−ρ)·S", () => {
    expect(waitProbability(2, 1)).toBeCloseTo(1 / 3, 10);
    // M/M/1 with ρ = 0.5, S = 10: P(wait) = ρ, Wq = ρ S / (1 − ρ) = 10.
    expect(waitProbability(1, 0.5)).toBeCloseTo(0.5, 10);
    expect(queueOption(1, 3, 10, 0).expectedWaitMinutes).toBeCloseTo(10, 10);
  });

  it("never recommends fewer windows than keep the queue finite, and none when nobody comes", () => {
    expect(queueOption(2, 10, 12, 15)).toMatchObject({ waitProbability: 1, serviceLevel: 0 });
    expect(queueOption(2, 10, 12, 15).expectedWaitMinutes).toBe(Infinity);
    expect(windowsNeeded(0, 12, 15, 0.8)).toBe(0);
    expect(windowsNeeded(10, 12, 15, 0.8)).toBe(3);
    // A stricter goal needs more windows, never fewer.
    expect(windowsNeeded(10, 12, 1, 0.95)).toBeGreaterThan(windowsNeeded(10, 12, 15, 0.8));
  });

  it("stays finite for a large center (Erlang B recursion)", () => {
    const p = waitProbability(200, 180);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });
});

describe("queue metric buckets", () => {
  it("place an instant in its Beijing date and hour", () => {
    expect(slot("2026-05-11T01:59:00Z")).toEqual({ date: "2026-05-11", hour: 9 });
    expect(slot("2026-05-11T16:30:00Z")).toEqual({ date: "2026-05-12", hour: 0 });
  });

  it("take percentiles from minute histograms as the bucket's upper edge", () => {
    // waits: 0–1 min ×5, 3–4 min ×4, 10–11 min ×1
    const h = [5, 0, 0, 4, 0, 0, 0, 0, 0, 0, 1];
    expect(percentile(h, 0.5)).toBe(1);
    expect(percentile(h, 0.9)).toBe(4);
    expect(percentile(h, 1)).toBe(11);
    expect(percentile([], 0.5)).toBeUndefined();
    expect(minuteBucket(59)).toBe(0);
    expect(minuteBucket(60 * 1000)).toBe(240);
  });

  it("merge hours into a day: counts add, windows unite, window-hours add", () => {
    const a = {
      ...emptyBucket("2026-05-11", 9, "application"),
      arrivals: 4,
      waits: 4,
      waitSumSeconds: 1200,
      waitHistogram: [0, 0, 0, 0, 0, 4],
      served: 2,
      serviceSumSeconds: 1800,
      windows: ["w1"],
    };
    const b = {
      ...emptyBucket("2026-05-11", 10, "application"),
      arrivals: 2,
      waits: 2,
      waitSumSeconds: 2400,
      waitMaxSeconds: 1500,
      waitHistogram: Array(26)
        .fill(0)
        .map((_, i) => (i === 25 ? 2 : 0)),
      served: 2,
      serviceSumSeconds: 1800,
      windows: ["w1", "w2"],
    };
    const day = merge(a, b);
    expect(day).toMatchObject({ arrivals: 6, waits: 6, windows: ["w1", "w2"], windowHours: 3 });
    const s = summarize(day, 15);
    expect(s.serviceLevel).toBe(0.6667);
    expect(s.waiting).toMatchObject({ meanMinutes: 10, maxMinutes: 25, p50Minutes: 6 });
    // 3,600 s of service over 3 window-hours.
    expect(s.utilization).toBe(0.3333);
  });
});
