import { describe, expect, it } from "vitest";
import {
  attend,
  DEFAULT_WARNING_POLICY,
  extendClock,
  levelInstants,
  pauseClock,
  recalendar,
  recipientsFor,
  resumeClock,
  startClock,
  stopClock,
  type Clock,
  type Limit,
  type StartInput,
} from "./clock.ts";
import { officialYear } from "#shared/calendar/holiday-schedule.ts";
import { WorkingCalendar } from "#shared/calendar/working-days.ts";

/** Nothing published: the package's years, provisional ones after 2026. */
const days = { calendar: new WorkingCalendar() };

/** Beijing wall time → the ISO instant the clocks store. */
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

function start(overrides: Partial<StartInput> = {}, at?: string): Clock {
  const input: StartInput = {
    subjectId: "app_1",
    stage: "review",
    centerId: "ctr_1",
    limit: { unit: "workingDays", amount: 3 },
    startedAt: bj("2026-11-25T10:00:00"),
    policy: DEFAULT_WARNING_POLICY,
    ...overrides,
  };
  return startClock(input, undefined, at ?? input.startedAt, days);
}

describe("deadlines in working days (DOMAIN.md: the start day not counted, 24:00 of the Nth working day)", () => {
  it("crosses the 2026 Spring Festival, counting the make-up Saturday 2/14", () => {
    // Friday 2/13: Sat 2/14 (make-up) is day 1, 2/15–23 off, Tue 2/24 day 2, Wed 2/25 day 3.
    const clock = start({ startedAt: bj("2026-02-13T10:00:00") });
    expect(clock.dueAt).toBe(bj("2026-02-26T00:00:00"));
  });

  it("crosses National Day 2026, counting the make-up Saturday 10/10", () => {
    // Tuesday 9/29: 9/30 day 1, 10/1–7 off, 10/8, 10/9, Sat 10/10 (make-up), Mon 10/12 day 5.
    const clock = start({ startedAt: bj("2026-09-29T09:00:00"), limit: { unit: "workingDays", amount: 5 } });
    expect(clock.dueAt).toBe(bj("2026-10-13T00:00:00"));
  });

  it("ends hotline limits in hours and calendar days, and a document's deadline where it says", () => {
    const at = bj("2026-11-27T16:00:00"); // a Friday
    const due = (limit: Limit) => start({ stage: "hotlineReply", limit, startedAt: at }).dueAt;
    expect(due({ unit: "hours", amount: 24 })).toBe(bj("2026-11-28T16:00:00"));
    expect(due({ unit: "calendarDays", amount: 7 })).toBe(bj("2026-12-05T00:00:00"));
    expect(due({ unit: "until", dueAt: bj("2026-12-09T00:00:00") })).toBe(bj("2026-12-09T00:00:00"));
  });

  it("runs into a year nobody published on its provisional calendar, and says so", () => {
    // Monday 2026-12-28 + 20 working days: 12/29–31 (3), 2027-01-01 元旦 off, 1/4–1/26 (17 more) → end of Tue 1/26
    const clock = start({ startedAt: bj("2026-12-28T10:00:00"), limit: { unit: "workingDays", amount: 20 } });
    expect(clock.dueAt).toBe(bj("2027-01-27T00:00:00"));
    expect(clock.calendar).toBe("provisional");
    expect(clock.nextAt).toBe(levelInstants(clock, days).reminder);
    expect(start().calendar).toBe("package");
  });
});

describe("a year's schedule published (DOMAIN.md: provisional until then)", () => {
  const published2027 = {
    calendar: new WorkingCalendar([
      officialYear(
        2027,
        {
          holidays: [
            { name: "元旦", from: "2027-01-01", to: "2027-01-03" },
            { name: "春节", from: "2027-02-05", to: "2027-02-11" },
          ],
          makeUpWorkingDays: ["2027-01-31", "2027-02-20"],
          notice: { number: "示例〔2026〕1号", date: "2026-11-20" },
        },
        { version: 1, publishedAt: bj("2026-11-20T10:00:00") },
      ),
    ]),
  };

  it("moves the deadline and the warnings still to come, keeping the levels already raised", () => {
    // Arrange: 20 working days from Monday 2027-01-25 (provisional: 2/5–2/8 off), the reminder already raised
    const started = start({
      startedAt: bj("2027-01-25T10:00:00"),
      limit: { unit: "workingDays", amount: 20 },
    });
    const reminded = attend(started, levelInstants(started, days).reminder, days).next;

    // Act
    const moved = recalendar(reminded, bj("2027-02-01T09:00:00"), published2027)!;

    // Assert: the official year rests 2/9–2/11 as well but works Sunday 1/31 and Saturday 2/20: one day later net
    expect(started.dueAt).toBe(bj("2027-02-25T00:00:00"));
    expect(moved.dueAt).toBe(bj("2027-02-26T00:00:00"));
    expect(moved.calendar).toBe("official");
    expect(moved.raised).toEqual(["reminder"]);
    expect(moved.nextAt).toBe(levelInstants(moved, published2027).yellow);
    expect(moved.version).toBe(reminded.version + 1);
    expect(recalendar(moved, bj("2027-02-01T09:00:00"), published2027)).toBeUndefined();
  });

  it("leaves alone clocks in hours and stopped clocks; a stopped clock keeps the deadline of the calendar in force", () => {
    const hotline = start({ stage: "hotlineReply", limit: { unit: "hours", amount: 24 } });
    expect(recalendar(hotline, bj("2026-11-26T00:00:00"), published2027)).toBeUndefined();
    const started = start({
      startedAt: bj("2027-01-25T10:00:00"),
      limit: { unit: "workingDays", amount: 20 },
    });
    const stopped = stopClock(started, bj("2027-02-25T10:00:00"), "approved", published2027);
    expect(stopped).toMatchObject({ dueAt: bj("2027-02-26T00:00:00"), calendar: "official" });
    expect(recalendar(stopped, bj("2027-02-26T00:00:00"), days)).toBeUndefined();
  });
});

describe("pauses (行政许可法 art. 45: the time of a special procedure is not counted)", () => {
  it("moves the deadline by the working time paused, not counting National Day inside the pause", () => {
    // Friday 9/25 + 10 working days → end of Thu 10/15. Paused 9/30 00:00 – 10/9 00:00: only 9/30 and 10/8 work (48 h).
    const clock = start({ startedAt: bj("2026-09-25T10:00:00"), limit: { unit: "workingDays", amount: 10 } });
    expect(clock.dueAt).toBe(bj("2026-10-16T00:00:00"));
    const paused = pauseClock(clock, bj("2026-09-30T00:00:00"), "prc_1");
    const resumed = resumeClock(paused, bj("2026-10-09T00:00:00"), "prc_1", days);
    expect(paused.nextAt).toBeUndefined();
    expect(resumed.pausedMillis).toBe(48 * 3_600_000);
    expect(resumed.dueAt).toBe(bj("2026-10-20T00:00:00")); // Fri 10/16 and Mon 10/19 added
  });

  it("raises nothing while paused, and only the one who paused it resumes it", () => {
    const paused = pauseClock(start(), bj("2026-11-25T12:00:00"), "prc_1");
    expect(attend(paused, bj("2026-12-10T00:00:00"), days)).toMatchObject({ skip: [], expire: false });
    expect(attend(paused, bj("2026-12-10T00:00:00"), days).raise).toBeUndefined();
    expect(() => resumeClock(paused, bj("2026-11-26T12:00:00"), "correction", days)).toThrow(/not paused by/);
  });

  it("adds an extension's working days (行政许可法 art. 42)", () => {
    const extended = extendClock(start(), 10, bj("2026-11-26T09:00:00"), days);
    // Wed 11/25 + 13 working days: 11/26 … 12/14 (Mon) → 24:00 of 12/14.
    expect(extended.dueAt).toBe(bj("2026-12-15T00:00:00"));
  });
});

describe("tiered warnings (DOMAIN.md: reminder 50 %, yellow 75 % or ≤ 1 working day left, red overdue)", () => {
  // Wed 11/25 10:00 + 3 working days → 24:00 Mon 11/30. The start day is not counted (issue 17): the budget is Thu,
  // Fri and Mon, 3 × 24 h = 72 h of working time from 00:00 Thu.
  it("places the levels on working time, counted from 00:00 of the first working day after the start", () => {
    expect(levelInstants(start(), days)).toEqual({
      reminder: bj("2026-11-27T12:00:00"), // 36 h: Thu 24 h + 12 h of Fri
      yellow: bj("2026-11-28T00:00:00"), // min(54 h, 72 − 24 = 48 h): the end of Friday
      red: bj("2026-12-01T00:00:00"),
    });
  });

  it("reminds of a 10-working-day review at 24:00 of the fifth working day", () => {
    // Mon 11/23 16:00: Tue 24, Wed 25, Thu 26, Fri 27, Mon 30 are working days 1–5.
    const clock = start({ startedAt: bj("2026-11-23T16:00:00"), limit: { unit: "workingDays", amount: 10 } });
    expect(levelInstants(clock, days).reminder).toBe(bj("2026-12-01T00:00:00"));
  });

  it("raises each level once, in order, as time passes; nothing between them", () => {
    let clock = start();
    const seen: (string | undefined)[] = [];
    for (const at of [
      "2026-11-26T12:00:00",
      "2026-11-27T12:00:00",
      "2026-11-27T13:00:00",
      "2026-11-28T00:00:00",
      "2026-11-29T12:00:00",
      "2026-12-01T00:00:00",
      "2026-12-03T00:00:00",
    ]) {
      const step = attend(clock, bj(at), days);
      seen.push(step.raise);
      clock = step.next;
    }
    expect(seen).toEqual([undefined, "reminder", undefined, "yellow", undefined, "red", undefined]);
    expect(clock.raised).toEqual(["reminder", "yellow", "red"]);
    expect(clock.nextAt).toBeUndefined();
  });

  it("raises only the highest level reached when the sweep comes late, passing over the lower ones", () => {
    const step = attend(start(), bj("2026-11-30T12:00:00"), days);
    expect(step.raise).toBe("yellow");
    expect(step.skip).toEqual(["reminder"]);
    expect(step.next.nextAt).toBe(bj("2026-12-01T00:00:00"));
    expect(attend(step.next, bj("2026-11-30T13:00:00"), days).raise).toBeUndefined();
  });

  it("expires once at the deadline for a clock whose owner must act", () => {
    const clock = start({
      stage: "acceptance",
      expiry: "acceptanceWindow",
      limit: { unit: "workingDays", amount: 5 },
    });
    const due = clock.dueAt!;
    const first = attend(clock, due, days);
    const again = attend(first.next, due, days);
    expect(first).toMatchObject({ raise: "red", expire: true });
    expect(first.next.expiredAt).toBe(due);
    expect(again).toMatchObject({ expire: false });
    expect(again.raise).toBeUndefined();
  });

  it("does not warn on an applicant's own deadline, only expires it", () => {
    const clock = start({
      stage: "cure",
      warns: false,
      expiry: "cureDeadline",
      limit: { unit: "until", dueAt: bj("2026-12-05T00:00:00") },
    });
    expect(clock.nextAt).toBe(bj("2026-12-05T00:00:00"));
    expect(attend(clock, bj("2026-12-04T00:00:00"), days)).toMatchObject({ skip: [], expire: false });
    expect(attend(clock, bj("2026-12-05T00:00:00"), days)).toMatchObject({ skip: [], expire: true });
  });

  it("honours a center's own thresholds", () => {
    const policy = { reminderShare: 0.25, yellowShare: 0.5, yellowWorkingDaysLeft: 0 };
    const instants = levelInstants(start({ policy }), days);
    expect(instants.reminder).toBe(bj("2026-11-26T18:00:00")); // 18 h of Thu
    expect(instants.yellow).toBe(bj("2026-11-27T12:00:00")); // 36 h
  });

  it("sends to the handler; from yellow also the chief representative; at red also the administration", () => {
    const people = { handlers: ["u1"], chiefRepresentatives: ["u2", "u1"], administration: ["u3"] };
    expect(recipientsFor("reminder", people)).toEqual(["u1"]);
    expect(recipientsFor("yellow", people)).toEqual(["u1", "u2"]);
    expect(recipientsFor("red", people)).toEqual(["u1", "u2", "u3"]);
  });
});

describe("the lifecycle", () => {
  it("starts a new round after a stop, with its warnings to raise again, and refuses a second start", () => {
    const first = stopClock(
      attend(start(), bj("2026-11-27T13:00:00"), days).next,
      bj("2026-11-27T14:00:00"),
      "corrected",
      days,
    );
    const second = startClock(
      {
        subjectId: "app_1",
        stage: "review",
        centerId: "ctr_1",
        limit: { unit: "workingDays", amount: 3 },
        startedAt: bj("2026-11-30T09:00:00"),
        policy: DEFAULT_WARNING_POLICY,
      },
      first,
      bj("2026-11-30T09:00:00"),
      days,
    );
    expect(first).toMatchObject({ state: "stopped", outcome: "corrected", raised: ["reminder"] });
    expect(first.nextAt).toBeUndefined();
    expect(second).toMatchObject({ round: 2, raised: [], state: "running", version: first.version + 1 });
    expect(() =>
      startClock(
        { ...second, limit: second.limit, policy: second.policy },
        second,
        bj("2026-11-30T10:00:00"),
        days,
      ),
    ).toThrow(/already running/);
  });

  it("refuses to stop a stopped clock or to pause one that is not running", () => {
    const stopped = stopClock(start(), bj("2026-11-26T00:00:00"), "decided", days);
    expect(() => stopClock(stopped, bj("2026-11-26T01:00:00"), "decided", days)).toThrow(/stopped already/);
    expect(() => pauseClock(stopped, bj("2026-11-26T01:00:00"), "prc_1")).toThrow(/stopped/);
  });
});
