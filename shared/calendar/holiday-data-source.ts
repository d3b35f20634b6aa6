/**
 * What shared/calendar/holiday-data.ts is generated from: the `chinese-days` package's lunar month tables, its 清明
 * formula and the State Council schedules it ships. Only the generator (`npm run holiday-data`) and the tests import
 * this module — the whole package (≈ 67 KiB minified, every year's data since 2004 and its date library) would
 * otherwise be in every bundle that counts working days, for a few hundred dates (issue 21).
 *
 * The lunar dates use the package's month tables (`monthDays`, `getYearLeapMonth`: pure arithmetic on its data,
 * 1900–2100), not its date conversions, which read the process time zone (west of UTC they are a day early; see
 * working-days.ts): here everything is epoch-day arithmetic, the same in every zone.
 */
import chineseDays from "chinese-days";
import days from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { format, resolveConfig } from "prettier";
import packageJson from "chinese-days/package.json" with { type: "json" };
import { LUNAR_TABLES_FROM, LUNAR_TABLES_UNTIL, type Festival } from "./statutory-holidays.ts";
import type { PackageSchedule } from "./holiday-data.ts";
import { dateOfEpochDay, epochDay } from "./time-zone.ts";

// A CommonJS package: its functions are properties of the default export under Node's ESM loader.
const { getSolarTermDate, getYearLeapMonth, monthDays } = chineseDays;

export const GENERATED_PATH = "shared/calendar/holiday-data.ts";

/** Days in lunar year `y` (12 or 13 months). */
function lunarYearDays(y: number): number {
  let total = getYearLeapMonth(y).days;
  for (let m = 1; m <= 12; m++) total += monthDays(y, m);
  return total;
}

/** The epoch day of 正月初一 of lunar year `y`, which falls in January or February of the same Gregorian year. */
function lunarNewYear(y: number): number {
  // Lunar new year 1900 (正月初一) fell on 1900-01-31, the tables' base.
  let day = epochDay("1900-01-31");
  for (let year = 1900; year < y; year++) day += lunarYearDays(year);
  return day;
}

/** The epoch day of a day of an ordinary (not leap) lunar month. */
function lunarDay(y: number, month: number, day: number): number {
  const leap = getYearLeapMonth(y);
  let offset = 0;
  for (let m = 1; m < month; m++) {
    offset += monthDays(y, m);
    if (m === leap.leapMonth) offset += leap.days; // the leap month follows the month it repeats
  }
  return lunarNewYear(y) + offset + day - 1;
}

/**
 * 清明 from the package's solar-term formula. It formats the day at UTC midnight with the process zone's getters, so
 * west of UTC its answer is one day early; the offset at that instant says whether to add the day back.
 */
function qingming(y: number): number {
  const shown = getSolarTermDate(y, 4, "pure_brightness");
  const utcMidnight = new Date(Date.UTC(y, 3, Number(shown.slice(8, 10))));
  return epochDay(shown) + (utcMidnight.getTimezoneOffset() > 0 ? 1 : 0);
}

/** 正月初一, 清明, 农历五月初五 and 农历八月十五 of year `y` (1901–2100), as dates. */
export function lunarDatesFromPackage(y: number): [string, string, string, string] {
  return [lunarNewYear(y), qingming(y), lunarDay(y, 5, 5), lunarDay(y, 8, 15)].map(dateOfEpochDay) as [
    string,
    string,
    string,
    string,
  ];
}

/** The package's names ("Spring Festival,春节,4") → festivals; anything else (2015's 9-3 commemoration) has none. */
const PACKAGE_FESTIVALS: Record<string, Festival> = {
  "New Year's Day": "newYear",
  "Spring Festival": "springFestival",
  "Tomb-sweeping Day": "qingming",
  "Labour Day": "labourDay",
  "Dragon Boat Festival": "dragonBoat",
  "Mid-autumn Festival": "midAutumn",
  "National Day": "nationalDay",
};

/** The package's years: its consecutive days of one name become a range. Dates in full (YYYY-MM-DD). */
export function schedulesFromPackage(): Map<number, PackageSchedule> {
  const years = new Map<number, PackageSchedule>();
  const entry = (year: number) => {
    let schedule = years.get(year);
    if (!schedule) years.set(year, (schedule = { holidays: [], makeUpWorkingDays: [] }));
    return schedule;
  };
  for (const [date, value] of Object.entries(days.holidays).sort(([a], [b]) => a.localeCompare(b))) {
    const [english, chinese] = value.split(",") as [string, string];
    const { holidays } = entry(Number(date.slice(0, 4)));
    const last = holidays.at(-1);
    if (last && last[0] === chinese && epochDay(date) - epochDay(last[2]) === 1) last[2] = date;
    else {
      const festival = PACKAGE_FESTIVALS[english];
      holidays.push(festival ? [chinese, date, date, festival] : [chinese, date, date]);
    }
  }
  for (const date of Object.keys(days.workdays).sort())
    entry(Number(date.slice(0, 4))).makeUpWorkingDays.push(date);
  return new Map([...years].sort(([a], [b]) => a - b));
}

/** The text of shared/calendar/holiday-data.ts, formatted as the repository formats TypeScript. */
export async function renderHolidayData(): Promise<string> {
  const monthDay = (date: string) => JSON.stringify(date.slice(5));
  const lunar: string[] = [];
  for (let y = LUNAR_TABLES_FROM; y <= LUNAR_TABLES_UNTIL; y++)
    lunar.push(
      `  ${JSON.stringify(
        lunarDatesFromPackage(y)
          .map((d) => d.slice(5))
          .join(" "),
      )}, // ${y}`,
    );
  const schedules = [...schedulesFromPackage()].map(
    ([year, s]) =>
      `  ${year}: { holidays: [${s.holidays
        .map(
          ([name, from, to, festival]) =>
            `[${[JSON.stringify(name), monthDay(from), monthDay(to), ...(festival ? [JSON.stringify(festival)] : [])].join(", ")}]`,
        )
        .join(", ")}], makeUpWorkingDays: [${s.makeUpWorkingDays.map(monthDay).join(", ")}] },`,
  );
  const years = [...schedulesFromPackage().keys()];
  const text = `// Generated by \`npm run holiday-data\` (scripts/holiday-data.ts) from chinese-days ${packageJson.version}: do not edit.
// After upgrading the package, run it again (holiday-data.test.ts fails until then). Dates are MM-DD of the year.
import type { Festival } from "./statutory-holidays.ts";

/** 正月初一, 清明, 农历五月初五 and 农历八月十五 of each year from ${LUNAR_TABLES_FROM} to ${LUNAR_TABLES_UNTIL}, in that order. */
export const LUNAR_DATES: readonly string[] = [
${lunar.join("\n")}
];

/** A year's schedule: holiday ranges (a festival unless a one-off day off, as 2015's 9-3) and make-up working days. */
export interface PackageSchedule {
  holidays: [name: string, from: string, to: string, festival?: Festival][];
  makeUpWorkingDays: string[];
}

/** The State Council schedules the package ships (${years[0]}–${years.at(-1)}). */
export const PACKAGE_SCHEDULES: Readonly<Record<number, PackageSchedule>> = {
${schedules.join("\n")}
};
`;
  return format(text, { ...(await resolveConfig(GENERATED_PATH)), filepath: GENERATED_PATH });
}
