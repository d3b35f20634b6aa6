import { describe, expect, it } from "vitest";
import type { components } from "../../../clients/typescript/api.d.ts";
import { arrivalsOption, centerDayRows, queuesOfDay, waitsOption, windowsOption } from "./center-day.ts";

type Metrics = components["schemas"]["CenterMetrics"];
type Staffing = components["schemas"]["Staffing"];

const figures = (arrivals: number, p50: number | null, p90: number | null) => ({
  arrivals,
  appointments: 0,
  walkIns: arrivals,
  appointmentShare: 0,
  waiting: { count: arrivals, meanMinutes: p50, p50Minutes: p50, p90Minutes: p90, maxMinutes: p90 },
  serviceLevel: 0.8,
  service: { count: arrivals, meanMinutes: 10, p50Minutes: 10, p90Minutes: 12 },
  noShows: 0,
  windows: 2,
  utilization: 0.5,
});
const metrics = {
  centerId: "ctr_1",
  from: "2026-12-07",
  to: "2026-12-07",
  by: "hour",
  targetMinutes: 15,
  total: figures(9, 6, 20),
  rows: [
    { period: "2026-12-07T10", queue: "application", ...figures(4, 8, 21) },
    { period: "2026-12-07T09", queue: "application", ...figures(3, 5, 12) },
    { period: "2026-12-07T09", queue: "consultation", ...figures(2, 1, 2) },
  ],
} as Metrics;
const staffing = {
  centerId: "ctr_1",
  date: "2026-12-07",
  targetMinutes: 15,
  serviceLevelGoal: 0.8,
  rows: [
    {
      hour: 9,
      queue: "application",
      arrivalsPerHour: 3,
      meanServiceMinutes: 10,
      windowsOpen: 2,
      windowsRecommended: 1,
      difference: 1,
      options: [],
    },
    {
      hour: 11,
      queue: "application",
      arrivalsPerHour: 0,
      meanServiceMinutes: null,
      windowsOpen: 1,
      windowsRecommended: null,
      difference: null,
      options: [],
    },
  ],
} as Staffing;

describe("a center's day, as the dashboard draws it", () => {
  it("takes each hour's figures of the queue from the API's answers, in hour order", () => {
    const rows = centerDayRows(metrics, staffing, "application");
    expect(
      rows.map((r) => [r.hour, r.arrivals, r.p50Minutes, r.p90Minutes, r.windowsOpen, r.windowsRecommended]),
    ).toEqual([
      ["09", 3, 5, 12, 2, 1],
      ["10", 4, 8, 21, null, null],
      ["11", 0, null, null, 1, null],
    ]);
  });

  it("gives the charts exactly those figures", () => {
    const rows = centerDayRows(metrics, staffing, "application");
    const data = (o: ReturnType<typeof arrivalsOption>) =>
      (o.series as { data: unknown[] }[]).map((s) => s.data);
    expect(data(arrivalsOption(rows))).toEqual([[3, 4, 0]]);
    expect(data(waitsOption(rows))).toEqual([
      [5, 8, null],
      [12, 21, null],
      [80, 80, null],
    ]);
    expect(data(windowsOption(rows))[0]).toEqual([2, null, 1]);
  });

  it("shows the busiest queue first", () => {
    expect(queuesOfDay(metrics)).toEqual(["application", "consultation"]);
  });
});
