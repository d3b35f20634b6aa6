/**
 * A year's holiday schedule (放假安排) as data: the holiday ranges, the make-up working days (调休上班) and the State
 * Council notice it comes from (DOMAIN.md "Time and deadlines"). Three sources, strongest first:
 *   official     published through the API from the notice (catalog, `PUT /v1/calendar/years/{year}`)
 *   package      the years the `chinese-days` package ships (2004–2026), used while nothing was published (taken
 *                from it into holiday-data.ts, so the package itself is not in the bundles)
 *   provisional  any other year: weekends plus the 13 statutory days computed for it, no make-up days — never an error
 * These are the value schemas the `calendar.year-published` event carries; every service that counts working days
 * projects it (DESIGN.md: services cross only through published contracts).
 */
import * as z from "zod";
import type { FieldIssue } from "../errors.ts";
import { PACKAGE_SCHEDULES } from "./holiday-data.ts";
import {
  FESTIVAL_NAMES,
  FESTIVALS,
  LUNAR_TABLES_UNTIL,
  STATUTORY_RULES_FROM,
  statutoryHolidays,
} from "./statutory-holidays.ts";
import { dateOfEpochDay, epochDay } from "./time-zone.ts";

export const CALENDAR_SOURCES = ["official", "package", "provisional"] as const;
export type CalendarSource = (typeof CALENDAR_SOURCES)[number];

/** The weaker of two sources: what a result resting on both can claim. */
export function weakerSource(a: CalendarSource, b: CalendarSource): CalendarSource {
  return CALENDAR_SOURCES.indexOf(a) > CALENDAR_SOURCES.indexOf(b) ? a : b;
}

/** Years a schedule may be published for: the 2024 holiday rules' years that the lunar tables cover. */
export const PUBLISHABLE_YEARS = { from: STATUTORY_RULES_FROM, until: LUNAR_TABLES_UNTIL } as const;

const dateSchema = z.iso.date();

export const holidayRangeSchema = z.object({
  /** As the notice names it: 春节, 国庆节、中秋节… */
  name: z.string().trim().min(1).max(40),
  from: dateSchema,
  to: dateSchema,
});

export const noticeSchema = z.object({
  /** The notice's document number, e.g. 国办发明电〔2026〕7号. */
  number: z.string().trim().min(2).max(100),
  /** The day it was issued. */
  date: dateSchema,
  title: z.string().trim().min(2).max(200).optional(),
});

/** What an administrator publishes for a year (the year itself is in the path). */
export const yearScheduleInputSchema = z.object({
  holidays: z.array(holidayRangeSchema).min(1).max(20),
  makeUpWorkingDays: z.array(dateSchema).max(20).default([]),
  notice: noticeSchema,
});
export type YearScheduleInput = z.output<typeof yearScheduleInputSchema>;

/** A holiday range with the festivals whose statutory days it holds (derived, so nobody has to tag them). */
export const holidaySchema = holidayRangeSchema.extend({ festivals: z.array(z.enum(FESTIVALS)) });
export type Holiday = z.output<typeof holidaySchema>;

/** A year's calendar as every service holds it. */
export const yearCalendarSchema = z.object({
  year: z.number().int(),
  source: z.enum(CALENDAR_SOURCES),
  holidays: z.array(holidaySchema),
  makeUpWorkingDays: z.array(dateSchema),
  notice: noticeSchema.optional(),
  /** Official years: the published version (optimistic concurrency) and who published it when. */
  version: z.number().int().positive().optional(),
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  publishedBy: z.string().optional(),
});
export type YearCalendar = z.output<typeof yearCalendarSchema>;

/** An official year, as `calendar.year-published` carries it and every service stores it. */
export const publishedYearSchema = yearCalendarSchema.extend({
  source: z.literal("official"),
  version: z.number().int().positive(),
  publishedAt: z.iso.datetime({ offset: true }),
  notice: noticeSchema,
});
export type PublishedYear = z.output<typeof publishedYearSchema>;

const weekday = (date: string) => (epochDay(date) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday

/** The festivals whose statutory days of `year` fall in [from, to]. */
function festivalsIn(from: string, to: string, statutory = statutoryHolidays(Number(from.slice(0, 4)))) {
  return [...new Set(statutory.filter((d) => d.date >= from && d.date <= to).map((d) => d.festival))];
}

/**
 * The 422 issues of a schedule for `year`, each naming its field (empty when valid): every date inside the year, each
 * range forward and not overlapping another, make-up working days only on a Saturday or Sunday outside the holidays,
 * and every statutory day of the year (2024 rules) inside a holiday range — which also means each range must hold one.
 */
export function scheduleIssues(year: number, input: YearScheduleInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (year < PUBLISHABLE_YEARS.from || year > PUBLISHABLE_YEARS.until) {
    return [
      {
        path: ["year"],
        message: `schedules are published for ${PUBLISHABLE_YEARS.from}–${PUBLISHABLE_YEARS.until} (the 2024 holiday rules)`,
      },
    ];
  }
  const inYear = (date: string) => date.startsWith(`${year}-`);
  const statutory = statutoryHolidays(year);
  input.holidays.forEach((h, i) => {
    for (const field of ["from", "to"] as const) {
      if (!inYear(h[field])) issues.push({ path: ["holidays", i, field], message: `not in ${year}` });
    }
    if (h.to < h.from) issues.push({ path: ["holidays", i, "to"], message: "before `from`" });
    else if (inYear(h.from) && inYear(h.to) && festivalsIn(h.from, h.to, statutory).length === 0) {
      issues.push({
        path: ["holidays", i],
        message: `${h.from} to ${h.to} holds no statutory holiday of ${year}`,
      });
    }
  });
  const sorted = input.holidays.map((h, i) => ({ ...h, i })).sort((a, b) => a.from.localeCompare(b.from));
  for (let k = 1; k < sorted.length; k++) {
    const [previous, next] = [sorted[k - 1]!, sorted[k]!];
    if (next.from <= previous.to) {
      issues.push({
        path: ["holidays", next.i],
        message: `overlaps holidays[${previous.i}] (${previous.from} to ${previous.to})`,
      });
    }
  }
  const inHolidays = (date: string) => input.holidays.some((h) => h.from <= date && date <= h.to);
  const seen = new Set<string>();
  input.makeUpWorkingDays.forEach((date, i) => {
    const path = ["makeUpWorkingDays", i];
    if (!inYear(date)) issues.push({ path, message: `not in ${year}` });
    else if (weekday(date) !== 0 && weekday(date) !== 6)
      issues.push({ path, message: `${date} is not a Saturday or Sunday` });
    else if (inHolidays(date)) issues.push({ path, message: `${date} is inside a holiday` });
    else if (seen.has(date)) issues.push({ path, message: `${date} is listed twice` });
    seen.add(date);
  });
  for (const day of statutory) {
    if (!inHolidays(day.date)) {
      issues.push({
        path: ["holidays"],
        message: `${day.date} (${FESTIVAL_NAMES[day.festival]} ${day.label}) is a statutory holiday and must be in a holiday range`,
      });
    }
  }
  return issues;
}

/** A valid schedule as the year's official calendar (ranges in date order, festivals derived). */
export function officialYear(
  year: number,
  input: YearScheduleInput,
  meta: { version: number; publishedAt: string; publishedBy?: string },
): PublishedYear {
  const statutory = statutoryHolidays(year);
  return {
    year,
    source: "official",
    holidays: [...input.holidays]
      .sort((a, b) => a.from.localeCompare(b.from))
      .map((h) => ({ ...h, festivals: festivalsIn(h.from, h.to, statutory) })),
    makeUpWorkingDays: [...input.makeUpWorkingDays].sort(),
    notice: input.notice,
    ...meta,
  };
}

/** A year nobody published: the statutory days grouped into ranges of consecutive days. */
export function provisionalYear(year: number): YearCalendar {
  const ranges: Holiday[] = [];
  for (const day of statutoryHolidays(year)) {
    const last = ranges.at(-1);
    if (last && epochDay(day.date) - epochDay(last.to) <= 1) {
      last.to = day.date > last.to ? day.date : last.to;
      if (!last.festivals.includes(day.festival)) {
        last.festivals.push(day.festival);
        last.name = `${last.name}、${FESTIVAL_NAMES[day.festival]}`;
      }
    } else {
      ranges.push({
        name: FESTIVAL_NAMES[day.festival],
        from: day.date,
        to: day.date,
        festivals: [day.festival],
      });
    }
  }
  return { year, source: "provisional", holidays: ranges, makeUpWorkingDays: [] };
}

/** The package's years, as calendars (holiday-data.ts holds them with the year left out of each date). */
export const PACKAGE_YEARS: ReadonlyMap<number, YearCalendar> = new Map(
  Object.entries(PACKAGE_SCHEDULES).map(([key, schedule]): [number, YearCalendar] => {
    const year = Number(key);
    const date = (monthDay: string) => `${year}-${monthDay}`;
    return [
      year,
      {
        year,
        source: "package",
        holidays: schedule.holidays.map(([name, from, to, festival]) => ({
          name,
          from: date(from),
          to: date(to),
          festivals: festival ? [festival] : [],
        })),
        makeUpWorkingDays: schedule.makeUpWorkingDays.map(date),
      },
    ];
  }),
);

/** The calendar in force for a year: the published one, else the package's, else provisional. */
export function resolveYear(year: number, published: ReadonlyMap<number, YearCalendar>): YearCalendar {
  return published.get(year) ?? PACKAGE_YEARS.get(year) ?? provisionalYear(year);
}

/** Every date of a year's holiday ranges (for tables and checks). */
export function holidayDates(calendar: Pick<YearCalendar, "holidays">): Map<string, Holiday> {
  const dates = new Map<string, Holiday>();
  for (const h of calendar.holidays) {
    for (let day = epochDay(h.from); day <= epochDay(h.to); day++) dates.set(dateOfEpochDay(day), h);
  }
  return dates;
}
