import { describe, expect, it } from "vitest";
import { bjDate, bjDateTime, workingDaysLeft } from "./format.ts";

describe("console formats", () => {
  it("shows instants in Beijing time whatever the zone they are written in", () => {
    expect(bjDate("2026-12-03T17:30:00Z")).toBe("2026-12-04");
    expect(bjDateTime("2026-12-03T01:05:00Z")).toBe("2026/12/03 09:05");
  });

  it("counts working days left, and days overdue as negative", () => {
    const workdays = ["2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08"];
    expect(workingDaysLeft("2026-12-03", "2026-12-07", workdays)).toBe(2);
    expect(workingDaysLeft("2026-12-03", "2026-12-03", workdays)).toBe(0);
    expect(workingDaysLeft("2026-12-08", "2026-12-04", workdays)).toBe(-2);
  });
});
