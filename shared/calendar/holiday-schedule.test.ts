import { describe, expect, it } from "vitest";
import {
  officialYear,
  PACKAGE_YEARS,
  provisionalYear,
  scheduleIssues,
  weakerSource,
  type YearScheduleInput,
} from "./holiday-schedule.ts";
import { statutoryHolidays } from "./statutory-holidays.ts";
import { WorkingCalendar } from "./working-days.ts";

/** An example 2027 schedule (not the real notice): every statutory day, make-up Saturdays and Sundays. */
const example: YearScheduleInput = {
  holidays: [
    { name: "元旦", from: "2027-01-01", to: "2027-01-03" },
    { name: "春节", from: "2027-02-05", to: "2027-02-11" },
    { name: "清明节", from: "2027-04-03", to: "2027-04-05" },
    { name: "劳动节", from: "2027-05-01", to: "2027-05-05" },
    { name: "端午节", from: "2027-06-09", to: "2027-06-09" },
    { name: "中秋节", from: "2027-09-15", to: "2027-09-15" },
    { name: "国庆节", from: "2027-10-01", to: "2027-10-07" },
  ],
  makeUpWorkingDays: ["2027-01-31", "2027-02-20", "2027-04-25", "2027-05-08", "2027-09-26", "2027-10-09"],
  notice: { number: "示例〔2026〕1号", date: "2026-12-20" },
};

describe("the statutory holidays (全国年节及纪念日放假办法, 2024 revision)", () => {
  it.each([2025, 2026])(
    "of %i are all days off in the State Council's schedule the package ships",
    (year) => {
      // Arrange: the package's year is the real notice; every statutory day must be one of its holidays
      const calendar = new WorkingCalendar();
      const days = statutoryHolidays(year);

      // Act + Assert
      expect(new Set(days.map((d) => d.date)).size).toBe(13);
      for (const day of days)
        expect(calendar.day(day.date).holiday, `${day.date} ${day.festival}`).toBeDefined();
    },
  );

  it("computes 2027 from the lunar calendar and 清明", () => {
    expect(statutoryHolidays(2027).map((d) => `${d.date} ${d.label}`)).toEqual([
      "2027-01-01 1月1日",
      "2027-02-05 除夕",
      "2027-02-06 正月初一",
      "2027-02-07 正月初二",
      "2027-02-08 正月初三",
      "2027-04-05 清明",
      "2027-05-01 5月1日",
      "2027-05-02 5月2日",
      "2027-06-09 农历五月初五",
      "2027-09-15 农历八月十五",
      "2027-10-01 10月1日",
      "2027-10-02 10月2日",
      "2027-10-03 10月3日",
    ]);
  });

  it("lists a day two festivals share for each (中秋 on 2028-10-03), and knows the 2033 lunar new year", () => {
    const days2028 = statutoryHolidays(2028).filter((d) => d.date === "2028-10-03");
    expect(days2028.map((d) => d.festival)).toEqual(["midAutumn", "nationalDay"]);
    expect(statutoryHolidays(2033).find((d) => d.label === "正月初一")?.date).toBe("2033-01-31");
  });

  it("does not depend on the process time zone (the package's own conversions do)", () => {
    // Arrange
    const zone = process.env.TZ;
    const inShanghai = statutoryHolidays(2030);
    try {
      // Act: Node reads TZ again when it is set
      process.env.TZ = "America/Los_Angeles";
      const west = statutoryHolidays(2030);
      const zoneApplied = new Date(Date.UTC(2030, 3, 5)).getDate(); // UTC midnight is still April 4 there
      process.env.TZ = "Pacific/Kiritimati";
      const east = statutoryHolidays(2030);

      // Assert
      expect(zoneApplied).toBe(4);
      expect(west).toEqual(inShanghai);
      expect(east).toEqual(inShanghai);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("knows the Gregorian ones beyond the lunar tables, and answers rather than fails", () => {
    expect(statutoryHolidays(2150).map((d) => d.date)).toEqual([
      "2150-01-01",
      "2150-05-01",
      "2150-05-02",
      "2150-10-01",
      "2150-10-02",
      "2150-10-03",
    ]);
  });
});

describe("a year's calendar", () => {
  it("is provisional: the statutory days in ranges, with no make-up working days", () => {
    const year = provisionalYear(2027);
    expect(year.source).toBe("provisional");
    expect(year.makeUpWorkingDays).toEqual([]);
    expect(year.holidays.map((h) => [h.name, h.from, h.to])).toEqual([
      ["元旦", "2027-01-01", "2027-01-01"],
      ["春节", "2027-02-05", "2027-02-08"],
      ["清明节", "2027-04-05", "2027-04-05"],
      ["劳动节", "2027-05-01", "2027-05-02"],
      ["端午节", "2027-06-09", "2027-06-09"],
      ["中秋节", "2027-09-15", "2027-09-15"],
      ["国庆节", "2027-10-01", "2027-10-03"],
    ]);
    expect(provisionalYear(2028).holidays.at(-1)).toMatchObject({
      name: "国庆节、中秋节",
      from: "2028-10-01",
      to: "2028-10-03",
      festivals: ["nationalDay", "midAutumn"],
    });
  });

  it("from the package keeps the notice's ranges and make-up days (2026)", () => {
    const year = PACKAGE_YEARS.get(2026)!;
    expect(year.holidays.find((h) => h.name === "春节")).toMatchObject({
      from: "2026-02-15",
      to: "2026-02-23",
      festivals: ["springFestival"],
    });
    expect(year.makeUpWorkingDays).toEqual([
      "2026-01-04",
      "2026-02-14",
      "2026-02-28",
      "2026-05-09",
      "2026-09-20",
      "2026-10-10",
    ]);
  });

  it("published is official, ranges in order with the festivals they hold, and wins over the rest", () => {
    // Act
    const year = officialYear(
      2027,
      { ...example, holidays: [...example.holidays].reverse() },
      {
        version: 2,
        publishedAt: "2026-12-20T10:00:00+08:00",
      },
    );
    const calendar = new WorkingCalendar([year]);

    // Assert
    expect(year.holidays[0]).toMatchObject({ name: "元旦", festivals: ["newYear"] });
    expect(calendar.year(2027)).toBe(year);
    expect(calendar.day("2027-01-31")).toMatchObject({
      working: true,
      makeUpWorkingDay: true,
      kind: "workingDay",
    });
    expect(calendar.day("2027-02-10")).toMatchObject({
      working: false,
      kind: "holiday",
      holiday: { name: "春节", festivals: ["springFestival"] },
      source: "official",
    });
    expect(calendar.basis("2026-12-01", "2027-01-10")).toBe("package");
    expect(new WorkingCalendar().basis("2026-12-01", "2027-01-10")).toBe("provisional");
    expect(weakerSource("official", "package")).toBe("package");
  });
});

describe("a published schedule is checked, each problem naming its field", () => {
  const issues = (year: number, changes: Partial<YearScheduleInput>) =>
    scheduleIssues(year, { ...example, ...changes });

  it("accepts the example", () => {
    expect(issues(2027, {})).toEqual([]);
  });

  it("refuses dates outside the year, a range that ends first, and overlapping ranges", () => {
    const holidays = example.holidays.map((h) => ({ ...h }));
    holidays[0] = { name: "元旦", from: "2026-12-31", to: "2027-01-01" };
    holidays[1] = { name: "春节", from: "2027-02-11", to: "2027-02-05" };
    holidays[6] = { name: "国庆节", from: "2027-09-15", to: "2027-10-07" };
    expect(issues(2027, { holidays })).toEqual([
      { path: ["holidays", 0, "from"], message: "not in 2027" },
      { path: ["holidays", 1, "to"], message: "before `from`" },
      { path: ["holidays", 6], message: "overlaps holidays[5] (2027-09-15 to 2027-09-15)" },
      { path: ["makeUpWorkingDays", 4], message: "2027-09-26 is inside a holiday" },
      {
        path: ["holidays"],
        message: "2027-02-05 (春节 除夕) is a statutory holiday and must be in a holiday range",
      },
      {
        path: ["holidays"],
        message: "2027-02-06 (春节 正月初一) is a statutory holiday and must be in a holiday range",
      },
      {
        path: ["holidays"],
        message: "2027-02-07 (春节 正月初二) is a statutory holiday and must be in a holiday range",
      },
      {
        path: ["holidays"],
        message: "2027-02-08 (春节 正月初三) is a statutory holiday and must be in a holiday range",
      },
    ]);
  });

  it("refuses make-up working days on weekdays, inside holidays, twice, or in another year", () => {
    expect(
      issues(2027, {
        makeUpWorkingDays: ["2027-01-28", "2027-02-06", "2027-01-31", "2027-01-31", "2028-01-01"],
      }),
    ).toEqual([
      { path: ["makeUpWorkingDays", 0], message: "2027-01-28 is not a Saturday or Sunday" },
      { path: ["makeUpWorkingDays", 1], message: "2027-02-06 is inside a holiday" },
      { path: ["makeUpWorkingDays", 3], message: "2027-01-31 is listed twice" },
      { path: ["makeUpWorkingDays", 4], message: "not in 2027" },
    ]);
  });

  it("refuses a schedule that leaves out a statutory day, or a range that holds none", () => {
    const holidays = example.holidays.filter((h) => h.name !== "端午节");
    holidays.push({ name: "调休", from: "2027-06-14", to: "2027-06-14" });
    expect(issues(2027, { holidays })).toEqual([
      { path: ["holidays", 6], message: "2027-06-14 to 2027-06-14 holds no statutory holiday of 2027" },
      {
        path: ["holidays"],
        message: "2027-06-09 (端午节 农历五月初五) is a statutory holiday and must be in a holiday range",
      },
    ]);
  });

  it("is for the years of the 2024 rules only", () => {
    expect(issues(2024, {})).toEqual([
      { path: ["year"], message: "schedules are published for 2025–2100 (the 2024 holiday rules)" },
    ]);
  });
});
