/**
 * The statutory holidays of a year under the national holiday rules (全国年节及纪念日放假办法, 2024 revision, in force
 * since 2025-01-01; DOMAIN.md "Time and deadlines"): 13 days, computed from the Gregorian calendar, the lunar calendar
 * and the solar term 清明. These are the days every published schedule must include, and the whole of a provisional
 * year's holidays (a year whose State Council notice is not published yet).
 *
 * The lunar dates come from the `chinese-days` package's month tables (`monthDays`, `getYearLeapMonth`: pure arithmetic
 * on its data, 1900–2100), not from its date conversions, which read the process time zone (west of UTC they are a day
 * early; see working-days.ts): here everything is epoch-day arithmetic, the same in every zone.
 */
import chineseDays from "chinese-days";
import { dateOfEpochDay, epochDay } from "./time-zone.ts";

// A CommonJS package: its functions are properties of the default export under Node's ESM loader.
const { getSolarTermDate, getYearLeapMonth, monthDays } = chineseDays;

/** The festivals with statutory days off, in calendar order. */
export const FESTIVALS = [
  "newYear",
  "springFestival",
  "qingming",
  "labourDay",
  "dragonBoat",
  "midAutumn",
  "nationalDay",
] as const;
export type Festival = (typeof FESTIVALS)[number];

/** The names the State Council's notices use (and the API shows). */
export const FESTIVAL_NAMES: Record<Festival, string> = {
  newYear: "元旦",
  springFestival: "春节",
  qingming: "清明节",
  labourDay: "劳动节",
  dragonBoat: "端午节",
  midAutumn: "中秋节",
  nationalDay: "国庆节",
};

export interface StatutoryDay {
  date: string;
  festival: Festival;
  /** Which day of the festival it is, for messages: 除夕, 正月初一, 5月1日… */
  label: string;
}

/** The first and last years the rules and the lunar tables both cover. */
export const STATUTORY_RULES_FROM = 2025;
export const LUNAR_TABLES_FROM = 1901;
export const LUNAR_TABLES_UNTIL = 2100;

/** Days in lunar year `y` (12 or 13 months). */
function lunarYearDays(y: number): number {
  let days = getYearLeapMonth(y).days;
  for (let m = 1; m <= 12; m++) days += monthDays(y, m);
  return days;
}

/** Lunar new year 1900 (正月初一) fell on 1900-01-31, the tables' base. */
const LUNAR_BASE = epochDay("1900-01-31");
const newYearDays = new Map<number, number>();

/** The epoch day of 正月初一 of lunar year `y`, which falls in January or February of the same Gregorian year. */
function lunarNewYear(y: number): number {
  let day = newYearDays.get(y);
  if (day === undefined) {
    day = LUNAR_BASE;
    for (let year = 1900; year < y; year++) day += lunarYearDays(year);
    newYearDays.set(y, day);
  }
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

/**
 * The 13 statutory days of `year`, in date order (a day two festivals share, as 2028-10-03, appears for each). Outside
 * the lunar tables (before 1901, after 2100) only the Gregorian ones are known: a date that far out still gets an
 * answer, never an error.
 */
export function statutoryHolidays(year: number): StatutoryDay[] {
  const on = (date: string) => epochDay(date);
  const y = String(year).padStart(4, "0");
  const days: [number, Festival, string][] = [
    [on(`${y}-01-01`), "newYear", "1月1日"],
    [on(`${y}-05-01`), "labourDay", "5月1日"],
    [on(`${y}-05-02`), "labourDay", "5月2日"],
    [on(`${y}-10-01`), "nationalDay", "10月1日"],
    [on(`${y}-10-02`), "nationalDay", "10月2日"],
    [on(`${y}-10-03`), "nationalDay", "10月3日"],
  ];
  if (year >= LUNAR_TABLES_FROM && year <= LUNAR_TABLES_UNTIL) {
    const newYear = lunarNewYear(year);
    days.push(
      [newYear - 1, "springFestival", "除夕"],
      [newYear, "springFestival", "正月初一"],
      [newYear + 1, "springFestival", "正月初二"],
      [newYear + 2, "springFestival", "正月初三"],
      [qingming(year), "qingming", "清明"],
      [lunarDay(year, 5, 5), "dragonBoat", "农历五月初五"],
      [lunarDay(year, 8, 15), "midAutumn", "农历八月十五"],
    );
  }
  return days
    .sort((a, b) => a[0] - b[0] || FESTIVALS.indexOf(a[1]) - FESTIVALS.indexOf(b[1]))
    .map(([day, festival, label]) => ({ date: dateOfEpochDay(day), festival, label }));
}
