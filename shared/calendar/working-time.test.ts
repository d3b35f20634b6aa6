import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InternalError } from "../errors.ts";
import { DAY_MS, epochDayOf, startOfEpochDay } from "./time-zone.ts";
import { calendarOverrides, WorkingCalendar } from "./working-days.ts";

const calendar = new WorkingCalendar();
const deadlineEnd = calendar.deadlineEnd.bind(calendar);
const workingMillisBetween = calendar.workingMillisBetween.bind(calendar);
const addWorkingMillis = calendar.addWorkingMillis.bind(calendar);

const HOUR_MS = 3_600_000;
const at = (iso: string) => new Date(iso);

/** Instants from which 60 working days stay inside the data. */
const instants = fc
  .integer({ min: Date.parse("2004-01-01T00:00:00+08:00"), max: Date.parse("2026-08-31T23:59:59.999+08:00") })
  .map((ms) => new Date(ms));
const durations = fc.integer({ min: 0, max: 60 * DAY_MS });

describe("deadlineEnd", () => {
  it("is 24:00 Beijing time of the Nth working day after the start date, across Spring Festival 2026", () => {
    // Arrange: accepted Tuesday 2026-02-10; 2/11, 2/12, 2/13, 2/14 (调休), then 2/15–2/23 off, then 2/24
    const accepted = at("2026-02-10T09:30:00+08:00");

    // Act
    const end = deadlineEnd(accepted, 5);

    // Assert
    expect(end).toEqual(at("2026-02-25T00:00:00+08:00"));
    expect(end.toISOString()).toBe("2026-02-24T16:00:00.000Z");
  });

  it("takes the start's Beijing date, not its UTC date", () => {
    // 2026-02-12T16:30Z is 00:30 on Friday 2/13 in Beijing, so the period starts from 2/13.
    expect(deadlineEnd(at("2026-02-12T16:30:00Z"), 5)).toEqual(at("2026-02-28T00:00:00+08:00"));
    expect(deadlineEnd(at("2026-02-12T15:30:00Z"), 5)).toEqual(at("2026-02-27T00:00:00+08:00"));
  });

  it("is the end of the start day for n = 0", () => {
    expect(deadlineEnd(at("2026-02-16T10:00:00+08:00"), 0)).toEqual(at("2026-02-17T00:00:00+08:00"));
  });

  it("moves with a center's closures", () => {
    // Arrange: the center is closed 2/24–2/25 (local emergency)
    const closures = calendarOverrides({ closed: [{ from: "2026-02-24", to: "2026-02-25" }] });

    // Act + Assert: 2/14, 2/26, 2/27, 2/28, 3/2
    expect(deadlineEnd(at("2026-02-13T11:00:00+08:00"), 5, closures)).toEqual(
      at("2026-03-03T00:00:00+08:00"),
    );
  });

  it("runs on into 2027 on its provisional calendar (元旦 off, then Monday 1/4)", () => {
    expect(deadlineEnd(at("2026-12-30T10:00:00+08:00"), 1)).toEqual(at("2027-01-01T00:00:00+08:00"));
    expect(deadlineEnd(at("2026-12-30T10:00:00+08:00"), 2)).toEqual(at("2027-01-05T00:00:00+08:00"));
  });

  it("refuses an Invalid Date", () => {
    expect(() => deadlineEnd(new Date(Number.NaN), 1)).toThrow(InternalError);
  });
});

describe("workingMillisBetween", () => {
  it("counts whole working days at 24 h and skips Spring Festival", () => {
    // Thu 2/12 10:00 → Tue 2/24 10:00: 14 h + 24 h (2/13) + 24 h (2/14, 调休) + 10 h (2/24)
    expect(workingMillisBetween(at("2026-02-12T10:00:00+08:00"), at("2026-02-24T10:00:00+08:00"))).toBe(
      72 * HOUR_MS,
    );
  });

  it("is 0 inside a holiday, negative when reversed, and 0 for an empty interval", () => {
    const [a, b] = [at("2026-10-01T08:00:00+08:00"), at("2026-10-07T18:00:00+08:00")];
    expect(workingMillisBetween(a, b)).toBe(0);
    expect(workingMillisBetween(b, a)).toBe(0);
    expect(workingMillisBetween(at("2026-10-08T12:00:00+08:00"), at("2026-10-08T06:00:00+08:00"))).toBe(
      -6 * HOUR_MS,
    );
    expect(workingMillisBetween(at("2027-03-01T00:00:00Z"), at("2027-03-01T00:00:00Z"))).toBe(0);
  });

  it("skips a center's closure", () => {
    const closed = calendarOverrides({ closed: ["2026-10-09"] });
    expect(
      workingMillisBetween(at("2026-10-08T00:00:00+08:00"), at("2026-10-11T00:00:00+08:00"), closed),
    ).toBe(2 * DAY_MS);
  });

  it("counts on into 2027, whose 元旦 is not a working day", () => {
    const start = at("2026-12-31T12:00:00+08:00");
    expect(workingMillisBetween(start, at("2027-01-01T00:00:00+08:00"))).toBe(12 * HOUR_MS);
    expect(workingMillisBetween(start, at("2027-01-04T06:00:00+08:00"))).toBe(18 * HOUR_MS);
  });

  it("adds up over consecutive intervals", () => {
    fc.assert(
      fc.property(instants, instants, instants, (a, b, c) => {
        expect(workingMillisBetween(a, b) + workingMillisBetween(b, c)).toBe(workingMillisBetween(a, c));
      }),
    );
  });
});

describe("addWorkingMillis", () => {
  it("extends a paused clock by exactly the working time it was paused", () => {
    // Arrange: 5 working days from 2026-02-10; paused from 2/12 10:00 to 2/24 10:00 (a hearing, art. 45)
    const deadline = deadlineEnd(at("2026-02-10T09:30:00+08:00"), 5);
    const paused = workingMillisBetween(at("2026-02-12T10:00:00+08:00"), at("2026-02-24T10:00:00+08:00"));

    // Act
    const extended = addWorkingMillis(deadline, paused);

    // Assert: three more working days after 2/24: 2/25, 2/26, 2/27
    expect(extended).toEqual(at("2026-02-28T00:00:00+08:00"));
  });

  it("ends at 24:00 of the working day that uses the time up, not after the holidays that follow", () => {
    expect(addWorkingMillis(at("2026-02-13T00:00:00+08:00"), 2 * DAY_MS)).toEqual(
      at("2026-02-15T00:00:00+08:00"),
    );
    expect(addWorkingMillis(at("2026-02-13T00:00:00+08:00"), 2 * DAY_MS + 1)).toEqual(
      at("2026-02-24T00:00:00.001+08:00"),
    );
  });

  it("starts counting at the next working day when it starts on a holiday", () => {
    expect(addWorkingMillis(at("2026-02-16T15:00:00+08:00"), 3 * HOUR_MS)).toEqual(
      at("2026-02-24T03:00:00+08:00"),
    );
    expect(addWorkingMillis(at("2026-02-16T15:00:00+08:00"), 0)).toEqual(at("2026-02-16T15:00:00+08:00"));
  });

  it("refuses negative or fractional durations, and runs on past the package's data", () => {
    expect(() => addWorkingMillis(at("2026-02-16T15:00:00+08:00"), -1)).toThrow(InternalError);
    expect(() => addWorkingMillis(at("2026-02-16T15:00:00+08:00"), 0.5)).toThrow(InternalError);
    expect(addWorkingMillis(at("2026-12-31T12:00:00+08:00"), 12 * HOUR_MS + 1)).toEqual(
      at("2027-01-04T00:00:00.001+08:00"),
    );
  });

  it("is inverted by workingMillisBetween", () => {
    fc.assert(
      fc.property(instants, durations, (start, ms) => {
        expect(workingMillisBetween(start, addWorkingMillis(start, ms))).toBe(ms);
      }),
    );
  });

  it("agrees with deadlineEnd counted from the next midnight", () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 60 }), (start, n) => {
        const nextMidnight = new Date(startOfEpochDay(epochDayOf(start) + 1));
        expect(addWorkingMillis(nextMidnight, n * DAY_MS)).toEqual(deadlineEnd(start, n));
      }),
    );
  });
});
