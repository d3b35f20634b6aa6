import { describe, expect, it } from "vitest";
import { dueAfterPause } from "./pause.ts";

const at = (iso: string) => new Date(iso);

describe("the pause hand-off (行政许可法 art. 45)", () => {
  it("moves the due date by the working time paused, not counting the weekend inside the pause", () => {
    // Paused Friday 2026-11-20 10:00 to Tuesday 2026-11-24 10:00 Beijing: Fri 14 h + Mon 24 h + Tue 10 h = 2 working days.
    const due = at("2026-12-01T00:00:00+08:00"); // end of Monday 2026-11-30
    const moved = dueAfterPause(due, at("2026-11-20T10:00:00+08:00"), at("2026-11-24T10:00:00+08:00"));
    expect(moved.toISOString()).toBe(at("2026-12-03T00:00:00+08:00").toISOString()); // end of Wednesday 2026-12-02
  });

  it("does not count holidays inside the pause (National Day 2026)", () => {
    // 2026-09-30 00:00 to 2026-10-09 00:00: only 09-30 is a working day before the holiday (10-01..10-07 off), 10-08 works.
    const due = at("2026-10-20T00:00:00+08:00");
    const moved = dueAfterPause(due, at("2026-09-30T00:00:00+08:00"), at("2026-10-09T00:00:00+08:00"));
    const shift = moved.getTime() - due.getTime();
    expect(shift).toBeGreaterThanOrEqual(2 * 86_400_000);
    expect(moved.toISOString()).toBe(at("2026-10-22T00:00:00+08:00").toISOString());
  });

  it("leaves the due date alone for a pause of no working time", () => {
    const due = at("2026-12-01T00:00:00+08:00");
    expect(
      dueAfterPause(due, at("2026-11-21T09:00:00+08:00"), at("2026-11-22T18:00:00+08:00")).toISOString(),
    ).toBe(due.toISOString());
  });
});
