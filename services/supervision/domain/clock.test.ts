import { describe, expect, it } from "vitest";
import {
  attend,
  DEFAULT_WARNING_POLICY,
  extendClock,
  levelInstants,
  pauseClock,
  recipientsFor,
  resumeClock,
  startClock,
  stopClock,
  type Clock,
  type Limit,
  type StartInput,
} from "./clock.ts";

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
  return startClock(input, undefined, at ?? input.startedAt);
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

  it("waits, looking again the next day, when the holiday calendar does not reach the deadline", () => {
    const clock = start({ startedAt: bj("2026-12-28T10:00:00"), limit: { unit: "workingDays", amount: 20 } });
    expect(clock.dueAt).toBeUndefined();
    expect(clock.calendarGap).toBe(true);
    expect(clock.nextAt).toBe(bj("2026-12-29T00:00:00"));
    expect(attend(clock, bj("2026-12-29T00:01:00"))).toMatchObject({ skip: [], expire: false });
  });
});

describe("pauses (行政许可法 art. 45: the time of a special procedure is not counted)", () => {
  it("moves the deadline by the working time paused, not counting National Day inside the pause", () => {
    // Friday 9/25 + 10 working days → end of Thu 10/15. Paused 9/30 00:00 – 10/9 00:00: only 9/30 and 10/8 work (48 h).
    const clock = start({ startedAt: bj("2026-09-25T10:00:00"), limit: { unit: "workingDays", amount: 10 } });
    expect(clock.dueAt).toBe(bj("2026-10-16T00:00:00"));
    const paused = pauseClock(clock, bj("2026-09-30T00:00:00"), "prc_1");
    const resumed = resumeClock(paused, bj("2026-10-09T00:00:00"), "prc_1");
    expect(paused.nextAt).toBeUndefined();
    expect(resumed.pausedMillis).toBe(48 * 3_600_000);
    expect(resumed.dueAt).toBe(bj("2026-10-20T00:00:00")); // Fri 10/16 and Mon 10/19 added
  });

  it("raises nothing while paused, and only the one who paused it resumes it", () => {
    const paused = pauseClock(start(), bj("2026-11-25T12:00:00"), "prc_1");
    expect(attend(paused, bj("2026-12-10T00:00:00"))).toMatchObject({ skip: [], expire: false });
    expect(attend(paused, bj("2026-12-10T00:00:00")).raise).toBeUndefined();
    expect(() => resumeClock(paused, bj("2026-11-26T12:00:00"), "correction")).toThrow(/not paused by/);
  });

  it("adds an extension's working days (行政许可法 art. 42)", () => {
    const extended = extendClock(start(), 10, bj("2026-11-26T09:00:00"));
    // Wed 11/25 + 13 working days: 11/26 … 12/14 (Mon) → 24:00 of 12/14.
    expect(extended.dueAt).toBe(bj("2026-12-15T00:00:00"));
  });
});

describe("tiered warnings (DOMAIN.md: reminder 50 %, yellow 75 % or ≤ 1 working day left, red overdue)", () => {
  // Wed 11/25 10:00 + 3 working days → 24:00 Mon 11/30. Budget 14 h + 3 × 24 h = 86 h of working time.
  it("places the levels on working time", () => {
    expect(levelInstants(start())).toEqual({
      reminder: bj("2026-11-27T05:00:00"), // 43 h: Wed 14 h + Thu 24 h + 5 h of Fri
      yellow: bj("2026-11-28T00:00:00"), // min(64.5 h, 86 − 24 = 62 h): the end of Friday
      red: bj("2026-12-01T00:00:00"),
    });
  });

  it("raises each level once, in order, as time passes; nothing between them", () => {
    let clock = start();
    const seen: (string | undefined)[] = [];
    for (const at of [
      "2026-11-26T12:00:00",
      "2026-11-27T05:00:00",
      "2026-11-27T06:00:00",
      "2026-11-28T00:00:00",
      "2026-11-29T12:00:00",
      "2026-12-01T00:00:00",
      "2026-12-03T00:00:00",
    ]) {
      const step = attend(clock, bj(at));
      seen.push(step.raise);
      clock = step.next;
    }
    expect(seen).toEqual([undefined, "reminder", undefined, "yellow", undefined, "red", undefined]);
    expect(clock.raised).toEqual(["reminder", "yellow", "red"]);
    expect(clock.nextAt).toBeUndefined();
  });

  it("raises only the highest level reached when the sweep comes late, passing over the lower ones", () => {
    const step = attend(start(), bj("2026-11-30T12:00:00"));
    expect(step.raise).toBe("yellow");
    expect(step.skip).toEqual(["reminder"]);
    expect(step.next.nextAt).toBe(bj("2026-12-01T00:00:00"));
    expect(attend(step.next, bj("2026-11-30T13:00:00")).raise).toBeUndefined();
  });

  it("expires once at the deadline for a clock whose owner must act", () => {
    const clock = start({
      stage: "acceptance",
      expiry: "acceptanceWindow",
      limit: { unit: "workingDays", amount: 5 },
    });
    const due = clock.dueAt!;
    const first = attend(clock, due);
    const again = attend(first.next, due);
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
    expect(attend(clock, bj("2026-12-04T00:00:00"))).toMatchObject({ skip: [], expire: false });
    expect(attend(clock, bj("2026-12-05T00:00:00"))).toMatchObject({ skip: [], expire: true });
  });

  it("honours a center's own thresholds", () => {
    const policy = { reminderShare: 0.25, yellowShare: 0.5, yellowWorkingDaysLeft: 0 };
    const instants = levelInstants(start({ policy }));
    expect(instants.reminder).toBe(bj("2026-11-26T07:30:00")); // 21.5 h: Wed 14 h + 7.5 h of Thu
    expect(instants.yellow).toBe(bj("2026-11-27T05:00:00")); // 43 h
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
      attend(start(), bj("2026-11-27T06:00:00")).next,
      bj("2026-11-27T07:00:00"),
      "corrected",
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
    );
    expect(first).toMatchObject({ state: "stopped", outcome: "corrected", raised: ["reminder"] });
    expect(first.nextAt).toBeUndefined();
    expect(second).toMatchObject({ round: 2, raised: [], state: "running", version: first.version + 1 });
    expect(() =>
      startClock(
        { ...second, limit: second.limit, policy: second.policy },
        second,
        bj("2026-11-30T10:00:00"),
      ),
    ).toThrow(/already running/);
  });

  it("refuses to stop a stopped clock or to pause one that is not running", () => {
    const stopped = stopClock(start(), bj("2026-11-26T00:00:00"), "decided");
    expect(() => stopClock(stopped, bj("2026-11-26T01:00:00"), "decided")).toThrow(/stopped already/);
    expect(() => pauseClock(stopped, bj("2026-11-26T01:00:00"), "prc_1")).toThrow(/stopped/);
  });
});
