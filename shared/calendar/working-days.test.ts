import { findWorkday, isWorkday } from "chinese-days";
import days from "chinese-days/dist/chinese-days.json" with { type: "json" };
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InternalError, RuleViolationError } from "../errors.ts";
import { CalendarRangeError, InvalidBusinessDateError } from "./errors.ts";
import { dateOfEpochDay, epochDay } from "./time-zone.ts";
import { calendarOverrides, WorkingCalendar } from "./working-days.ts";

/** The calendar with nothing published: the package's years, provisional ones beyond. */
const calendar = new WorkingCalendar();
const isWorkingDay = calendar.isWorkingDay.bind(calendar);
const addWorkingDays = calendar.addWorkingDays.bind(calendar);
const workingDaysBetween = calendar.workingDaysBetween.bind(calendar);
const workingDaysInRange = calendar.workingDaysInRange.bind(calendar);
const PACKAGE_DATA = { from: "2004-01-01", until: "2026-12-31" };

/** A local-midnight Date: the package reads the process time zone, and this is the same day in every zone. */
function localDate(date: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Date(year, month - 1, day);
}

/** Covered dates from which 60 working days (the longest statutory period, 45 + 15) stay inside the data. */
const startDates = fc
  .integer({ min: epochDay("2004-01-01"), max: epochDay("2026-08-31") })
  .map((day) => dateOfEpochDay(day));

describe("the holiday data", () => {
  it("covers 2004-01-01 to 2026-12-31 with entries for every year", () => {
    // Arrange
    const years = new Set(Object.keys(days.holidays).map((date) => Number(date.slice(0, 4))));

    // Act + Assert
    for (let year = 2004; year <= 2026; year++) expect(years.has(year), `${year}`).toBe(true);
  });
});

/**
 * The package's own functions read the process time zone, and west of UTC they are a day off (see working-days.ts), so
 * they are only a reference where the zone is UTC (Lambda) or east of it.
 */
const westOfUtc = new Date(2026, 0, 1).getTimezoneOffset() > 0;

describe.skipIf(westOfUtc)("the package's own functions, as a reference", () => {
  it("isWorkday gives the same answer as isWorkingDay for every covered day", () => {
    // Arrange
    const disagreements: string[] = [];

    // Act
    for (let day = epochDay(PACKAGE_DATA.from); day <= epochDay(PACKAGE_DATA.until); day++) {
      const date = dateOfEpochDay(day);
      if (isWorkingDay(date) !== isWorkday(localDate(date))) disagreements.push(date);
    }

    // Assert
    expect(disagreements).toEqual([]);
  });

  it("findWorkday(5, 2026-02-13) does not count the start day either", () => {
    expect(findWorkday(5, localDate("2026-02-13"))).toBe("2026-02-27");
  });

  it("findWorkday(n) agrees with addWorkingDays for n ≥ 1, which always lands on a working day", () => {
    fc.assert(
      fc.property(startDates, fc.integer({ min: 1, max: 60 }), (date, n) => {
        const end = addWorkingDays(date, n);
        return end === findWorkday(n, localDate(date)) && isWorkingDay(end);
      }),
    );
  });

  it("findWorkday(0) moves a non-working day forward, where addWorkingDays(d, 0) keeps d", () => {
    expect(findWorkday(0, localDate("2026-02-16"))).toBe("2026-02-24");
    expect(addWorkingDays("2026-02-16", 0)).toBe("2026-02-16");
  });
});

describe("isWorkingDay", () => {
  // State Council notices for 2025 and 2026 (DOMAIN.md lists 2026), checked against the package data.
  const offDays2025 = [
    // 元旦 1/1
    "2025-01-01",
    // 春节 1/28–2/4 (1/26 Sun and 2/8 Sat worked)
    "2025-01-28",
    "2025-01-31",
    "2025-02-03",
    "2025-02-04",
    // 清明 4/4–4/6
    "2025-04-04",
    // 劳动节 5/1–5/5 (4/27 Sun worked)
    "2025-05-01",
    "2025-05-02",
    "2025-05-05",
    // 端午 5/31–6/2
    "2025-06-02",
    // 国庆中秋 10/1–10/8 (9/28 Sun and 10/11 Sat worked)
    "2025-10-01",
    "2025-10-06",
    "2025-10-08",
  ];
  const makeUpDays2025 = ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"];
  const offDays2026 = [
    // 元旦 1/1–1/3 (1/4 Sun worked)
    "2026-01-01",
    "2026-01-02",
    // 春节 2/15–2/23 (2/14 Sat and 2/28 Sat worked)
    "2026-02-16",
    "2026-02-17",
    "2026-02-20",
    "2026-02-23",
    // 清明 4/4–4/6
    "2026-04-06",
    // 劳动节 5/1–5/5 (5/9 Sat worked)
    "2026-05-01",
    "2026-05-04",
    "2026-05-05",
    // 端午 6/19–6/21
    "2026-06-19",
    // 中秋 9/25–9/27
    "2026-09-25",
    // 国庆 10/1–10/7 (9/20 Sun and 10/10 Sat worked)
    "2026-10-01",
    "2026-10-02",
    "2026-10-05",
    "2026-10-06",
    "2026-10-07",
  ];
  const makeUpDays2026 = ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"];
  const plainDays = [
    "2025-01-27",
    "2025-02-05",
    "2025-10-09",
    "2026-01-05",
    "2026-02-13",
    "2026-02-24",
    "2026-10-08",
  ];
  const weekends = ["2026-01-03", "2026-02-15", "2026-02-21", "2026-02-22", "2026-03-01", "2026-10-11"];

  it.each([...offDays2025, ...offDays2026, ...weekends])("%s is not a working day", (date) => {
    expect(isWorkingDay(date)).toBe(false);
  });

  it.each([...makeUpDays2025, ...makeUpDays2026])("%s is a make-up working day (调休)", (date) => {
    expect(isWorkingDay(date)).toBe(true);
  });

  it.each(plainDays)("%s is a plain working day", (date) => {
    expect(isWorkingDay(date)).toBe(true);
  });

  it("counts 248 working days in 2025 and in 2026", () => {
    // 261 weekdays each; 2025: 18 weekday holidays, 5 make-up days; 2026: 19 weekday holidays, 6 make-up days.
    expect(workingDaysInRange("2025-01-01", "2025-12-31")).toHaveLength(248);
    expect(workingDaysInRange("2026-01-01", "2026-12-31")).toHaveLength(248);
  });

  it("answers for every date: 2027 is provisional, with its statutory holidays and no make-up days", () => {
    // 2027-01-01 (Fri) 元旦; 2/5 除夕 to 2/8 正月初三; 2027-01-04 a plain Monday
    expect(isWorkingDay("2027-01-01")).toBe(false);
    expect(isWorkingDay("2027-01-04")).toBe(true);
    expect(isWorkingDay("2027-02-05")).toBe(false);
    expect(isWorkingDay("2027-02-08")).toBe(false);
    expect(isWorkingDay("2027-02-09")).toBe(true);
    expect(calendar.sourceOf("2027-01-04")).toBe("provisional");
    expect(calendar.sourceOf("2026-12-31")).toBe("package");
    expect(isWorkingDay("2003-12-31")).toBe(true);
    expect(isWorkingDay("2030-05-01")).toBe(false);
  });

  it.each(["2026-02-30", "2026-2-14", "14/02/2026", "2026-02-14 ", "tomorrow"])(
    "refuses the invalid date %j",
    (date) => {
      expect(() => isWorkingDay(date)).toThrow(InvalidBusinessDateError);
    },
  );
});

describe("addWorkingDays", () => {
  it("does not count the start day: 5 working days after 2026-02-13 end on 2026-02-27", () => {
    // 2/14 (Sat, 调休) is the 1st; 2/15–2/23 are Spring Festival; 2/24, 2/25, 2/26, 2/27 are the 2nd to 5th.
    expect(addWorkingDays("2026-02-13", 5)).toBe("2026-02-27");
  });

  it("ends a 20-working-day decision period (行政许可法 art. 42) across Spring Festival 2026", () => {
    expect(addWorkingDays("2026-02-10", 20)).toBe("2026-03-16");
  });

  it("counts the Sunday make-up day before Spring Festival 2025", () => {
    // 1/26 (Sun, 调休), 1/27, then 1/28–2/4 off, then 2/5, 2/6, 2/7.
    expect(addWorkingDays("2025-01-24", 5)).toBe("2025-02-07");
  });

  it("starts from a holiday as from any day, and returns the start day itself for n = 0", () => {
    expect(addWorkingDays("2026-02-16", 1)).toBe("2026-02-24");
    expect(addWorkingDays("2026-02-16", 0)).toBe("2026-02-16");
  });

  it("moves the end past a center's closures and counts its extra open days", () => {
    // Arrange: closed 2/25–2/26 for renovation; open on Saturday 3/7
    const renovation = calendarOverrides({ closed: [{ from: "2026-02-25", to: "2026-02-26" }] });
    const withOpenSaturday = calendarOverrides({
      closed: ["2026-02-25", "2026-02-26"],
      open: ["2026-02-21"],
    });

    // Act + Assert: 2/14, 2/24, 2/27, 2/28, 3/2
    expect(addWorkingDays("2026-02-13", 5, renovation)).toBe("2026-03-02");
    expect(isWorkingDay("2026-02-25", renovation)).toBe(false);
    // 2/14, 2/21 (open), 2/24, 2/27, 2/28
    expect(addWorkingDays("2026-02-13", 5, withOpenSaturday)).toBe("2026-02-28");
  });

  it("walks on past the package's data into the provisional year", () => {
    expect(addWorkingDays("2026-12-30", 1)).toBe("2026-12-31");
    expect(addWorkingDays("2026-12-30", 2)).toBe("2027-01-04");
    expect(addWorkingDays("2027-01-04", 0)).toBe("2027-01-04");
    expect(addWorkingDays("2026-12-31", 1, calendarOverrides({ open: ["2027-01-01"] }))).toBe("2027-01-01");
  });

  it.each([-1, 1.5, Number.NaN])("refuses n = %s", (n) => {
    expect(() => addWorkingDays("2026-02-13", n)).toThrow(InternalError);
  });
});

describe("workingDaysBetween", () => {
  it("counts the working days after from, up to and including to", () => {
    expect(workingDaysBetween("2026-02-13", "2026-02-27")).toBe(5);
    expect(workingDaysBetween("2026-02-14", "2026-02-23")).toBe(0);
    expect(workingDaysBetween("2026-09-19", "2026-10-10")).toBe(11);
  });

  it("is negative when to is before from, and 0 (never -0) for the same day", () => {
    expect(workingDaysBetween("2026-02-27", "2026-02-13")).toBe(-5);
    expect(workingDaysBetween("2026-02-23", "2026-02-14")).toBe(0);
    expect(workingDaysBetween("2026-02-16", "2026-02-16")).toBe(0);
  });

  it("counts a center's closures out", () => {
    const closed = calendarOverrides({ closed: ["2026-02-24"] });
    expect(workingDaysBetween("2026-02-13", "2026-02-27", closed)).toBe(4);
  });

  it("counts across the end of the package's data into a provisional year", () => {
    // December 2026 has 23 working days; 2027-01-01 is 元旦, 1/4 a Monday
    expect(workingDaysBetween("2026-11-30", "2027-01-04")).toBe(24);
    expect(workingDaysBetween("2027-01-04", "2026-11-30")).toBe(-24);
  });

  it("inverts addWorkingDays, is antisymmetric and adds up", () => {
    fc.assert(
      fc.property(startDates, fc.integer({ min: 0, max: 60 }), (date, n) => {
        expect(workingDaysBetween(date, addWorkingDays(date, n))).toBe(n);
      }),
    );
    fc.assert(
      fc.property(startDates, startDates, startDates, (a, b, c) => {
        expect(workingDaysBetween(b, a)).toBe(0 - workingDaysBetween(a, b));
        expect(workingDaysBetween(a, b) + workingDaysBetween(b, c)).toBe(workingDaysBetween(a, c));
      }),
    );
  });
});

describe("workingDaysInRange", () => {
  it("lists the working dates of both ends included", () => {
    expect(workingDaysInRange("2026-02-12", "2026-03-02")).toEqual([
      "2026-02-12",
      "2026-02-13",
      "2026-02-14",
      "2026-02-24",
      "2026-02-25",
      "2026-02-26",
      "2026-02-27",
      "2026-02-28",
      "2026-03-02",
    ]);
    expect(workingDaysInRange("2026-02-15", "2026-02-15")).toEqual([]);
  });

  it("applies a center's overrides", () => {
    const overrides = calendarOverrides({ closed: ["2026-02-25"], open: ["2026-02-22"] });
    expect(workingDaysInRange("2026-02-21", "2026-02-26", overrides)).toEqual([
      "2026-02-22",
      "2026-02-24",
      "2026-02-26",
    ]);
  });

  it("allows at most 366 days, and refuses a reversed range", () => {
    expect(workingDaysInRange("2024-01-01", "2024-12-31")).toHaveLength(251);
    expect(() => workingDaysInRange("2025-01-01", "2026-01-02")).toThrow(CalendarRangeError);
    expect(() => workingDaysInRange("2026-02-27", "2026-02-13")).toThrow(CalendarRangeError);
    expect(catchError(() => workingDaysInRange("2025-01-01", "2026-01-02")).message).toBe(
      "The range 2025-01-01 to 2026-01-02 is longer than 366 days.",
    );
  });

  it("lists a range reaching into a provisional year, and refuses invalid dates", () => {
    expect(workingDaysInRange("2026-12-30", "2027-01-05")).toEqual([
      "2026-12-30",
      "2026-12-31",
      "2027-01-04",
      "2027-01-05",
    ]);
    expect(() => workingDaysInRange("2026-02-01", "2026-02-30")).toThrow(InvalidBusinessDateError);
  });
});

describe("calendarOverrides", () => {
  it("expands closure ranges and keeps old closures outside the data", () => {
    // Act
    const overrides = calendarOverrides({ closed: ["2003-05-01", { from: "2026-02-27", to: "2026-03-02" }] });

    // Assert
    expect([...(overrides.closed ?? [])]).toEqual([
      "2003-05-01",
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
  });

  it("refuses invalid dates, over-long ranges and dates both closed and open", () => {
    expect(() => calendarOverrides({ closed: ["2026-02-30"] })).toThrow(InvalidBusinessDateError);
    expect(() => calendarOverrides({ open: ["20260214"] })).toThrow(InvalidBusinessDateError);
    expect(() => calendarOverrides({ closed: [{ from: "2025-01-01", to: "2026-12-31" }] })).toThrow(
      CalendarRangeError,
    );
    expect(() => calendarOverrides({ closed: ["2026-03-02"], open: ["2026-03-02"] })).toThrow(
      RuleViolationError,
    );
  });
});

function catchError(act: () => unknown): Error {
  try {
    act();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}
