/**
 * Working days (工作日) and working time in Asia/Shanghai (DOMAIN.md, "Time and deadlines"; 行政许可法 art. 42–45), on
 * a `WorkingCalendar`: the years its service has projected from `calendar.year-published` (official), the package's
 * years (2004–2026) and, for any other year, the provisional calendar (weekends plus the statutory holidays). It never
 * refuses a date: a result that rests on a provisional year says so (`basis`), and is recomputed when the year is
 * published. Use cases get the calendar as a port; this module has no I/O.
 *
 * Dates are business dates, `YYYY-MM-DD` in Beijing; instants are `Date`s. The package's own functions are not used:
 * they depend on the process time zone (west of UTC its tables are a day early) and accept impossible dates; its
 * shipped JSON is right and is read once (holiday-schedule.ts).
 */
import { InternalError, RuleViolationError } from "../errors.ts";
import { CalendarRangeError } from "./errors.ts";
import {
  holidayDates,
  resolveYear,
  weakerSource,
  type CalendarSource,
  type Holiday,
  type YearCalendar,
} from "./holiday-schedule.ts";
import type { Festival } from "./statutory-holidays.ts";
import { dateOfEpochDay, epochDay, epochDayOf, instantMs, startOfEpochDay } from "./time-zone.ts";

/**
 * A center's deviations from the national calendar (DOMAIN.md: "A center may add its own closures"). Sets of YYYY-MM-DD
 * dates, so a check is one lookup; build them with `calendarOverrides`, which validates. `closed` is checked first.
 */
export interface CalendarOverrides {
  /** Closed although nationally a working day (renovation, a local emergency): such a day does not count. */
  readonly closed?: ReadonlySet<string>;
  /** Open and counted although nationally a weekend or holiday. */
  readonly open?: ReadonlySet<string>;
}

/** A stored closure: one date, or an inclusive range of dates. */
export type ClosureInput = string | { readonly from: string; readonly to: string };

/** The longest range `workingDaysInRange` lists, or a closure may span: a leap year. */
export const MAX_RANGE_DAYS = 366;

/** What kind of day a date is nationally (a center's regime says what it offers on each kind). */
export type DayKind = "workingDay" | "saturday" | "sunday" | "holiday";

export interface DayInfo {
  date: string;
  kind: DayKind;
  /** A national working day (make-up days included), before a center's closures. */
  working: boolean;
  /** The holiday range the date is in, if any. */
  holiday?: { name: string; festivals: Festival[] };
  /** A Saturday or Sunday worked in exchange for holidays (调休上班). */
  makeUpWorkingDay: boolean;
  source: CalendarSource;
}

/** One year, resolved, as flags per day: the loops below never format dates. */
interface YearTable {
  calendar: YearCalendar;
  first: number;
  /** 1 when the day is a national working day. */
  working: Uint8Array;
  dates: string[];
  holidays: Map<string, Holiday>;
  makeUp: ReadonlySet<string>;
}

/** Counts of days and milliseconds come from code (limits, durations), so a bad one is a bug. */
function requireCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InternalError(`The business calendar needs a whole number ≥ 0 for ${name}, got ${value}.`);
  }
}

/** Validates an inclusive range of dates and returns the epoch day of its end. */
function checkedRange(from: string, to: string): number {
  const [first, last] = [epochDay(from), epochDay(to)];
  if (last < first) throw new CalendarRangeError(`The range starts (${from}) after it ends (${to}).`);
  if (last - first + 1 > MAX_RANGE_DAYS) {
    throw new CalendarRangeError(`The range ${from} to ${to} is longer than ${MAX_RANGE_DAYS} days.`);
  }
  return last;
}

const yearOfDay = (day: number) => new Date(day * 86_400_000).getUTCFullYear();

export class WorkingCalendar {
  private readonly published: ReadonlyMap<number, YearCalendar>;
  private readonly tables = new Map<number, YearTable>();
  /** The table the last lookup used: day-by-day loops stay in one year almost always. */
  private last?: YearTable;

  /** `published`: the official years this service holds; every other year is the package's or provisional. */
  constructor(published: Iterable<YearCalendar> = []) {
    this.published = new Map([...published].map((y) => [y.year, y]));
  }

  /** The calendar in force for a year, with its source. */
  year(year: number): YearCalendar {
    return this.tableOfYear(year).calendar;
  }

  /** The source of the year a date is in. */
  sourceOf(date: string): CalendarSource {
    return this.year(Number(date.slice(0, 4))).source;
  }

  /**
   * What a result computed over [from, to] rests on: the weakest source of the years it touches. A deadline on a
   * provisional year says so (`calendar: "provisional"`) until the year is published.
   */
  basis(from: string, to: string): CalendarSource {
    const [a, b] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
    let source: CalendarSource = "official";
    for (let y = Math.min(a, b); y <= Math.max(a, b); y++) source = weakerSource(source, this.year(y).source);
    return source;
  }

  /** `basis` for instants (their Beijing dates). */
  basisOf(from: Date, to: Date): CalendarSource {
    return this.basis(dateOfEpochDay(epochDayOf(from)), dateOfEpochDay(epochDayOf(to)));
  }

  /** Everything the national calendar says about a date. */
  day(date: string): DayInfo {
    const day = epochDay(date);
    const table = this.tableOf(day);
    const holiday = table.holidays.get(date);
    const weekday = (day + 4) % 7;
    const working = table.working[day - table.first] === 1;
    return {
      date,
      kind: working ? "workingDay" : holiday ? "holiday" : weekday === 6 ? "saturday" : "sunday",
      working,
      ...(holiday ? { holiday: { name: holiday.name, festivals: holiday.festivals } } : {}),
      makeUpWorkingDay: table.makeUp.has(date),
      source: table.calendar.source,
    };
  }

  /** Whether a date is a working day: a weekday that is not a holiday, or a make-up working day (调休), then overrides. */
  isWorkingDay(date: string, overrides?: CalendarOverrides): boolean {
    return this.isWorking(epochDay(date), overrides);
  }

  /**
   * The Nth working day after `date`. The start day is not counted (DOMAIN.md; 行政许可法 art. 42 periods), so this is
   * the day a period of n working days ends, and `date` need not be a working day itself. n = 0 returns `date`.
   */
  addWorkingDays(date: string, n: number, overrides?: CalendarOverrides): string {
    return dateOfEpochDay(this.addDays(epochDay(date), n, overrides));
  }

  /**
   * Working days after `from` up to and including `to`, so `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
   * Antisymmetric (negative when `to` is before `from`; 0 when equal) and additive over consecutive ranges.
   */
  workingDaysBetween(from: string, to: string, overrides?: CalendarOverrides): number {
    const [a, b] = [epochDay(from), epochDay(to)];
    const step = b < a ? -1 : 1;
    let count = 0;
    for (let day = Math.min(a, b) + 1; day <= Math.max(a, b); day++) {
      if (this.isWorking(day, overrides)) count += step;
    }
    return count;
  }

  /**
   * The working dates in [from, to], both included (GET /v1/calendar/workdays). Throws `CalendarRangeError` when `to`
   * is before `from` or the range is longer than `MAX_RANGE_DAYS`.
   */
  workingDaysInRange(from: string, to: string, overrides?: CalendarOverrides): string[] {
    const last = checkedRange(from, to);
    const dates: string[] = [];
    for (let day = epochDay(from); day <= last; day++) {
      if (this.isWorking(day, overrides)) dates.push(this.dateOf(day));
    }
    return dates;
  }

  /**
   * When a period of n working days that starts at `start` ends: 24:00 Beijing time at the end of the Nth working day
   * after the Beijing date of `start` (DOMAIN.md), i.e. 00:00 +08:00 of the next calendar day. n = 0 gives the end of
   * the start day.
   */
  deadlineEnd(start: Date, n: number, overrides?: CalendarOverrides): Date {
    return new Date(startOfEpochDay(this.addDays(epochDayOf(start), n, overrides) + 1));
  }

  /**
   * The milliseconds of [a, b) that fall on working days; each Beijing calendar day counts its full 24 h when it is a
   * working day, nothing otherwise (working time for the supervision clocks: pauses under 行政许可法 art. 45 are
   * measured with it). Antisymmetric like `workingDaysBetween`; 0 when a equals b.
   */
  workingMillisBetween(a: Date, b: Date, overrides?: CalendarOverrides): number {
    const [from, to] = [instantMs(a), instantMs(b)];
    if (to === from) return 0;
    if (to < from) return 0 - this.workingMillisBetween(b, a, overrides); // 0 - x, not -x: never -0
    let total = 0;
    for (let day = epochDayOf(a); startOfEpochDay(day) < to; day++) {
      if (!this.isWorking(day, overrides)) continue;
      total += Math.min(to, startOfEpochDay(day + 1)) - Math.max(from, startOfEpochDay(day));
    }
    return total;
  }

  /**
   * The earliest instant at which `ms` of working time has elapsed since `start`, so
   * `workingMillisBetween(start, addWorkingMillis(start, ms)) === ms`. A period that uses up a working day ends at its
   * 24:00, not after the holidays that follow. ms = 0 returns `start`.
   */
  addWorkingMillis(start: Date, ms: number, overrides?: CalendarOverrides): Date {
    requireCount(ms, "the working time");
    let at = instantMs(start);
    for (let day = epochDayOf(start), left = ms; left > 0; day++) {
      const end = startOfEpochDay(day + 1);
      if (this.isWorking(day, overrides)) {
        if (left <= end - at) return new Date(at + left);
        left -= end - at;
      }
      at = end;
    }
    return new Date(at);
  }

  private isWorking(day: number, overrides: CalendarOverrides | undefined): boolean {
    const table = this.tableOf(day);
    if (overrides) {
      const date = table.dates[day - table.first]!;
      if (overrides.closed?.has(date)) return false;
      if (overrides.open?.has(date)) return true;
    }
    return table.working[day - table.first] === 1;
  }

  private dateOf(day: number): string {
    const table = this.tableOf(day);
    return table.dates[day - table.first]!;
  }

  /** The epoch day `n` working days after `day` (`day` itself for n = 0). */
  private addDays(day: number, n: number, overrides: CalendarOverrides | undefined): number {
    requireCount(n, "the number of working days");
    for (let left = n; left > 0;) {
      if (this.isWorking(++day, overrides)) left--;
    }
    return day;
  }

  private tableOf(day: number): YearTable {
    const last = this.last;
    if (last && day >= last.first && day < last.first + last.working.length) return last;
    return (this.last = this.tableOfYear(yearOfDay(day)));
  }

  private tableOfYear(year: number): YearTable {
    let table = this.tables.get(year);
    if (!table) {
      const calendar = resolveYear(year, this.published);
      const first = epochDay(`${String(year).padStart(4, "0")}-01-01`);
      const length = epochDay(`${String(year).padStart(4, "0")}-12-31`) - first + 1;
      const holidays = holidayDates(calendar);
      const makeUp = new Set(calendar.makeUpWorkingDays);
      const working = new Uint8Array(length);
      const dates: string[] = [];
      for (let i = 0; i < length; i++) {
        const date = dateOfEpochDay(first + i);
        const weekday = (first + i + 4) % 7;
        dates.push(date);
        working[i] = makeUp.has(date) || (weekday >= 1 && weekday <= 5 && !holidays.has(date)) ? 1 : 0;
      }
      table = { calendar, first, working, dates, holidays, makeUp };
      this.tables.set(year, table);
    }
    return table;
  }
}

/**
 * Builds validated overrides from stored closures. Dates must be real YYYY-MM-DD dates; a range may span at most
 * `MAX_RANGE_DAYS`; a date may not be both closed and open.
 */
export function calendarOverrides(input: {
  closed?: Iterable<ClosureInput>;
  open?: Iterable<string>;
}): CalendarOverrides {
  const closed = new Set<string>();
  for (const closure of input.closed ?? []) {
    const [from, to] = typeof closure === "string" ? [closure, closure] : [closure.from, closure.to];
    for (let day = epochDay(from), last = checkedRange(from, to); day <= last; day++) {
      closed.add(dateOfEpochDay(day));
    }
  }
  const open = new Set<string>();
  for (const date of input.open ?? []) {
    epochDay(date);
    if (closed.has(date)) {
      throw new RuleViolationError("calendar-override-conflict", `${date} cannot be both closed and open.`);
    }
    open.add(date);
  }
  return { closed, open };
}
