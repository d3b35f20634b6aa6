import { describe, expect, it } from "vitest";
import { formatIndicator, INDICATORS, previousMonth, ratesOption, type Figures } from "./indicators.ts";

const figures = (completed: number, onTime: number | null, satisfaction: number | null): Figures =>
  ({
    cases: { completed, onTime: { numerator: 0, denominator: 0, rate: onTime }, overdue: 1, overdueCases: 1 },
    decisions: { count: completed, averageWorkingDays: 4.25 },
    acceptance: {
      accepted: 3,
      tolerant: 1,
      correction: 1,
      rejected: 0,
      deemed: 0,
      decided: 5,
      correctionRate: { numerator: 1, denominator: 5, rate: 0.2 },
    },
    warnings: { byLevel: { reminder: 2, yellow: 1 }, byStage: {} },
    ratings: { satisfaction: { numerator: 0, denominator: 0, rate: satisfaction }, bad: 0 },
    appointments: { kept: 9, missed: 1, noShowRate: 0.1 },
  }) as unknown as Figures;

describe("the monthly indicators page", () => {
  it("reads each indicator from the API's report and writes it as people read it", () => {
    const f = figures(12, 0.9166, null);
    const read = Object.fromEntries(INDICATORS.map((i) => [i.name, formatIndicator(i, i.of(f))]));
    expect(read).toMatchObject({
      办结件数: "12",
      按时办结率: "91.7%",
      "平均审批用时（工作日）": "4.3",
      受理件数: "4",
      补正率: "20.0%",
      预警次数: "3",
      预约未到率: "10.0%",
      满意率: "—",
    });
  });

  it("charts the rates of the two months, last month first", () => {
    const option = ratesOption(figures(1, 0.5, 1), figures(2, 0.75, null), ["2026-11", "2026-12"]);
    expect((option.series as { name: string; data: unknown[] }[]).map((s) => [s.name, s.data])).toEqual([
      ["2026-11", [50, 20, 10, 100]],
      ["2026-12", [75, 20, 10, null]],
    ]);
  });

  it("knows the month before, across a year", () => {
    expect([previousMonth("2027-01"), previousMonth("2026-12")]).toEqual(["2026-12", "2026-11"]);
  });
});
