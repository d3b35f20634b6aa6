import { describe, expect, it } from "vitest";
import { officialYear } from "#shared/calendar/holiday-schedule.ts";
import { WorkingCalendar } from "#shared/calendar/working-days.ts";
import type { Procedure } from "./task.ts";
import { taskDue } from "./due.ts";

const at = (iso: string) => new Date(iso).toISOString();
const calendar = new WorkingCalendar();
const procedure = (startedAt: string, completedAt: string): Procedure => ({
  id: "prc_1",
  kind: "hearing",
  expectedWorkingDays: 5,
  reason: "听证",
  pausesClock: true,
  startedAt: at(startedAt),
  completedAt: at(completedAt),
  noticeDocumentId: "doc_1",
});
const task = (fields: Partial<Parameters<typeof taskDue>[0]> = {}) => ({
  acceptedAt: at("2026-11-16T10:00:00+08:00"),
  committedLimitDays: 10,
  procedures: [],
  ...fields,
});

describe("the decision's due date (行政许可法 art. 42, 45)", () => {
  it("is the end of the committed limit from acceptance", () => {
    // 10 working days after Monday 2026-11-16: Monday 2026-11-30
    expect(taskDue(task(), calendar)).toEqual({
      dueAt: at("2026-12-01T00:00:00+08:00"),
      calendar: "package",
    });
  });

  it("moves by the working time paused, not counting the weekend inside the pause", () => {
    // Paused Friday 2026-11-20 10:00 to Tuesday 2026-11-24 10:00: Fri 14 h + Mon 24 h + Tue 10 h = 2 working days.
    const paused = task({
      procedures: [procedure("2026-11-20T10:00:00+08:00", "2026-11-24T10:00:00+08:00")],
    });
    expect(taskDue(paused, calendar).dueAt).toBe(at("2026-12-03T00:00:00+08:00"));
  });

  it("does not count holidays inside a pause (National Day 2026), nor a pause still running", () => {
    const accepted = task({ acceptedAt: at("2026-09-25T10:00:00+08:00") });
    const base = taskDue(accepted, calendar).dueAt;
    const paused = task({
      acceptedAt: accepted.acceptedAt,
      procedures: [procedure("2026-09-30T00:00:00+08:00", "2026-10-09T00:00:00+08:00")],
    });
    // accepted on 9/25 (中秋): 10 working days end on Thursday 10/15 (10/10, a Saturday, is worked); 9/30 and 10/8
    // are the working days inside the pause, so it ends two working days later, on Monday 10/19
    expect(base).toBe(at("2026-10-16T00:00:00+08:00"));
    expect(taskDue(paused, calendar).dueAt).toBe(at("2026-10-20T00:00:00+08:00"));
    const running = { ...paused, procedures: [{ ...paused.procedures[0]!, completedAt: undefined }] };
    expect(taskDue(running, calendar).dueAt).toBe(base);
  });

  it("adds the extension's working days", () => {
    const extended = task({
      extension: {
        extraWorkingDays: 10,
        reason: "复杂",
        approvedBy: "局长",
        extendedAt: at("2026-11-20T10:00:00+08:00"),
        noticeDocumentId: "doc_2",
      },
    });
    // 20 working days after 2026-11-16: Monday 2026-12-14
    expect(taskDue(extended, calendar).dueAt).toBe(at("2026-12-15T00:00:00+08:00"));
  });

  it("rests on a provisional year until its schedule is published, and follows the published one", () => {
    // 20 working days from Friday 2027-01-22 cross the Spring Festival of 2027
    const late = task({ acceptedAt: at("2027-01-22T10:00:00+08:00"), committedLimitDays: 20 });
    const provisional = taskDue(late, calendar);
    const published = new WorkingCalendar([
      officialYear(
        2027,
        {
          holidays: [{ name: "春节", from: "2027-02-05", to: "2027-02-11" }],
          makeUpWorkingDays: ["2027-01-31"],
          notice: { number: "示例〔2026〕1号", date: "2026-11-20" },
        },
        { version: 1, publishedAt: at("2026-11-20T10:00:00+08:00") },
      ),
    ]);
    const official = taskDue(late, published);
    // provisional: 2/5–2/8 off; official: 2/5–2/11 off, but Sunday 1/31 worked — one working day later net
    expect(provisional).toEqual({ dueAt: at("2027-02-24T00:00:00+08:00"), calendar: "provisional" });
    expect(official).toEqual({ dueAt: at("2027-02-26T00:00:00+08:00"), calendar: "official" });
  });
});
