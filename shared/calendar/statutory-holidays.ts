/**
 * The statutory holidays of a year under the national holiday rules (全国年节及纪念日放假办法, 2024 revision, in force
 * since 2025-01-01; DOMAIN.md "Time and deadlines"): 13 days, computed from the Gregorian calendar, the lunar calendar
 * and the solar term 清明. These are the days every published schedule must include, and the whole of a provisional
 * year's holidays (a year whose State Council notice is not published yet).
 *
 * The lunar dates (正月初一, 农历五月初五, 农历八月十五) and 清明 come from a table generated from the `chinese-days`
 * package's month tables and solar-term formula (holiday-data.ts, 1901–2100; holiday-data-source.ts says how): the
 * package itself stays out of the bundles (issue 21).
 */
import { LUNAR_DATES } from "./holiday-data.ts";
import { dateOfEpochDay, epochDay } from "./time-zone.ts";

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
    const [newYear, qingming, dragonBoat, midAutumn] = LUNAR_DATES[year - LUNAR_TABLES_FROM]!.split(" ").map(
      (monthDay) => on(`${y}-${monthDay}`),
    ) as [number, number, number, number];
    days.push(
      [newYear - 1, "springFestival", "除夕"],
      [newYear, "springFestival", "正月初一"],
      [newYear + 1, "springFestival", "正月初二"],
      [newYear + 2, "springFestival", "正月初三"],
      [qingming, "qingming", "清明"],
      [dragonBoat, "dragonBoat", "农历五月初五"],
      [midAutumn, "midAutumn", "农历八月十五"],
    );
  }
  return days
    .sort((a, b) => a[0] - b[0] || FESTIVALS.indexOf(a[1]) - FESTIVALS.indexOf(b[1]))
    .map(([day, festival, label]) => ({ date: dateOfEpochDay(day), festival, label }));
}
