import { afterEach, describe, expect, it, vi } from "vitest";
import type { Metrics } from "@aws-lambda-powertools/metrics";
import { businessMetrics, dimensionSets } from "#shared/business-metrics.ts";
import { metrics, recordMetric } from "#shared/observability.ts";
import { LEVELS } from "#services/supervision/monitoring/domain/clock.ts";
import { checkCalendarCoverage } from "#services/catalog/use-cases/check-calendar-coverage.use-case.ts";
import { DEFAULT_REACH_POLICY } from "#services/catalog/domain/calendar-coverage.ts";
import { WorkingCalendar } from "#shared/calendar/working-days.ts";
import { fixedClock } from "#shared/clock.ts";
import { ulidIds } from "#shared/ids.ts";
import {
  dueSince,
  recordSweep,
  sweepLagSeconds,
  type SweepResult,
} from "#services/supervision/monitoring/use-cases/sweep-clocks.use-case.ts";

/** What reaches Powertools: batched data points, and single metrics with their own dimensions. */
function capture() {
  const batched: [string, string, number][] = [];
  const single: { dimensions: Record<string, string>; metric: [string, string, number] }[] = [];
  vi.spyOn(metrics, "addMetric").mockImplementation((name, unit, value) => {
    batched.push([name, unit, value]);
    return metrics;
  });
  vi.spyOn(metrics, "singleMetric").mockImplementation(() => {
    const dimensions: Record<string, string> = {};
    const fake = {
      addDimension: (name: string, value: string) => {
        dimensions[name] = value;
        return fake;
      },
      addMetric: (name: string, unit: string, value: number) => {
        single.push({ dimensions, metric: [name, unit, value] });
        return fake;
      },
    };
    return fake as unknown as Metrics;
  });
  return { batched, single };
}

afterEach(() => vi.restoreAllMocks());

describe("business metrics", () => {
  it("lists every combination of dimension values a metric is emitted with", () => {
    expect(dimensionSets(businessMetrics.sweepLag)).toEqual([{}]);
    expect(dimensionSets(businessMetrics.notificationFailures)).toEqual([
      { channel: "sms", kind: "temporary" },
      { channel: "sms", kind: "permanent" },
      { channel: "email", kind: "temporary" },
      { channel: "email", kind: "permanent" },
    ]);
  });

  it("declares the warning levels monitoring raises, so the dashboard graphs each", () => {
    expect(businessMetrics.warningsRaised.dimensions.level).toEqual(LEVELS);
  });

  it("batches a metric without dimensions of its own, and sends one with dimensions as a single metric", () => {
    const { batched, single } = capture();
    recordMetric(businessMetrics.clocksSwept, 3);
    recordMetric(businessMetrics.notificationFailures, 1, { channel: "sms", kind: "permanent" });
    expect(batched).toEqual([["ClocksSwept", "Count", 3]]);
    expect(single).toEqual([
      { dimensions: { channel: "sms", kind: "permanent" }, metric: ["NotificationFailures", "Count", 1] },
    ]);
  });
});

describe("the clock sweep's metrics", () => {
  const result = (over: Partial<SweepResult> = {}): SweepResult => ({
    due: 0,
    raised: 0,
    raisedByLevel: { reminder: 0, yellow: 0, red: 0 },
    expired: 0,
    skipped: 0,
    readCapacity: 0,
    ...over,
  });
  const now = new Date("2026-05-11T01:05:30.000Z");

  it("measure the lag from when the longest-waiting clock became due to the end of the run", () => {
    expect(sweepLagSeconds(result({ oldestDueSince: "2026-05-11T01:00:00.000Z" }), now)).toBe(330);
    expect(sweepLagSeconds(result({ oldestDueSince: "2026-05-11T09:05:00+08:00" }), now)).toBe(30);
  });

  it("count a clock as due from its attention time, or from when it was written if that time had passed already", () => {
    expect(dueSince({ nextAt: "2026-05-11T01:00:00.000Z", updatedAt: "2026-05-10T09:00:00+08:00" })).toBe(
      "2026-05-11T01:00:00.000Z",
    );
    // A review clock started as of the materials' arrival, days ago: the sweep could not have seen it before.
    expect(dueSince({ nextAt: "2026-05-08T01:00:00.000Z", updatedAt: "2026-05-11T09:04:00+08:00" })).toBe(
      "2026-05-11T09:04:00+08:00",
    );
  });

  it("report a lag of 0 when nothing was due, and never a negative one", () => {
    expect(sweepLagSeconds(result(), now)).toBe(0);
    expect(sweepLagSeconds(result({ oldestDueSince: "2026-05-11T01:06:00.000Z" }), now)).toBe(0);
  });

  it("report the lag and the clocks every run, and the warnings raised by level", () => {
    const { batched, single } = capture();
    recordSweep(
      result({
        due: 7,
        raised: 4,
        raisedByLevel: { reminder: 3, yellow: 0, red: 1 },
        oldestDueSince: "2026-05-11T01:04:30.000Z",
      }),
      now,
    );
    expect(batched).toEqual([
      ["SweepLagSeconds", "Seconds", 60],
      ["ClocksSwept", "Count", 7],
    ]);
    expect(single).toEqual([
      { dimensions: { level: "reminder" }, metric: ["WarningsRaised", "Count", 3] },
      { dimensions: { level: "red" }, metric: ["WarningsRaised", "Count", 1] },
    ]);
  });

  it("report an idle run as no lag and no clocks", () => {
    const { batched, single } = capture();
    recordSweep(result(), now);
    expect(batched).toEqual([
      ["SweepLagSeconds", "Seconds", 0],
      ["ClocksSwept", "Count", 0],
    ]);
    expect(single).toEqual([]);
  });
});

describe("the calendar coverage check's metric", () => {
  const run = async (now: string) => {
    const clock = fixedClock(now);
    const warnings: string[] = [];
    const calendar = {
      calendar: async () => new WorkingCalendar(),
      longestCommittedLimit: async () => 60,
      recordCoverageWarning: async (checkedOn: string) => {
        warnings.push(checkedOn);
        return true;
      },
    };
    const status = await checkCalendarCoverage("run-1", {
      calendar,
      clock,
      ids: ulidIds(clock),
      policy: { calendarReach: DEFAULT_REACH_POLICY },
    } as unknown as Parameters<typeof checkCalendarCoverage>[1]);
    return { status, warnings };
  };

  it("reports the provisional years deadlines reach on every run, the alarm's input, and warns only then", async () => {
    const { batched } = capture();
    // 5 + 60 + 15 + 10 = 90 working days: from 2026-05-11 that ends in September; from 2026-09-01, in January 2027
    const early = await run("2026-05-11T09:00:00+08:00");
    const late = await run("2026-09-01T09:00:00+08:00");
    expect(batched).toEqual([
      ["CalendarYearsProvisional", "Count", 0],
      ["CalendarYearsProvisional", "Count", 1],
    ]);
    expect([early.status.status, late.status.status]).toEqual(["ok", "provisional"]);
    expect(late.status.provisionalYears).toEqual([2027]);
    expect([early.warnings, late.warnings]).toEqual([[], ["2026-09-01"]]);
  });
});
