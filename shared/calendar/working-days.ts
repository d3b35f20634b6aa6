/**
 * Working days (工作日) and working time in Asia/Shanghai, from the State Council holiday notices as packaged by
 * `chinese-days` (DOMAIN.md, "Time and deadlines"; 行政许可法 art. 42–45).
 *
 * Dates are business dates, `YYYY-MM-DD` in Beijing; instants are `Date`s. Every date a function looks at must lie in
 * the package's data (`calendarCoverage`), or it throws `CalendarNotCoveredError`: past its data the package treats
 * every date as a plain week, which would silently put deadlines on holidays.
 *
 * The package's own functions are not used at run time: they depend on the process time zone. West of UTC its
 * in-memory tables are a day early (under TZ=America/New_York 2026-01-04 comes out a rest day and 2026-02-14 a
 * holiday; `findWorkday(5, "2026-02-13")` gives 2026-02-26), and they accept impossible dates (2026-02-30 becomes
 * 2026-03-02). Its shipped JSON is right, so that is read once at module load into a table indexed by epoch day,
 * applying the same rule as its `isWorkday`; the tests check the table against `isWorkday` for every covered day.
 */
import days from "chinese-days/dist/chinese-days.json" with { type: "json" };
import { InternalError, RuleViolationError } from "../errors.ts";
import { calendarCoverage } from "./coverage.ts";
import { CalendarNotCoveredError, CalendarRangeError } from "./errors.ts";
import { dateOfEpochDay, epochDay, epochDayOf, instantMs, startOfEpochDay } from "./time-zone.ts";

/**
 * A center's own deviations from the national calendar (DOMAIN.md: "A center may add its own closures/overrides").
 * Sets of YYYY-MM-DD dates, so a check is one lookup; build them with `calendarOverrides`, which validates.
 * `closed` is checked before `open`.
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

const FIRST_DAY = epochDay(calendarCoverage.from);
const LAST_DAY = epochDay(calendarCoverage.until);

/** `DATES[i]` is the date of epoch day `FIRST_DAY + i`, so loops never format dates. */
const DATES: string[] = [];
/** `NATIONAL[i]` is 1 when that day is a national working day. */
const NATIONAL = new Uint8Array(LAST_DAY - FIRST_DAY + 1);
{
  // `workdays` are the make-up working days (调休上班); `inLieuDays` ("day off in lieu") are holidays already in
  // `holidays` and change nothing here.
  const holidays = new Set(Object.keys(days.holidays));
  const makeUpDays = new Set(Object.keys(days.workdays));
  for (let day = FIRST_DAY; day <= LAST_DAY; day++) {
    const date = dateOfEpochDay(day);
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday, 6 = Saturday
    DATES.push(date);
    NATIONAL[day - FIRST_DAY] =
      makeUpDays.has(date) || (weekday >= 1 && weekday <= 5 && !holidays.has(date)) ? 1 : 0;
  }
}

/** Whether an epoch day is a working day; the one place that checks coverage, so every walked day is checked. */
function isWorking(day: number, overrides: CalendarOverrides | undefined): boolean {
  requireCovered(day);
  const i = day - FIRST_DAY;
  if (overrides) {
    const date = DATES[i]!;
    if (overrides.closed?.has(date)) return false;
    if (overrides.open?.has(date)) return true;
  }
  return NATIONAL[i] === 1;
}

function requireCovered(day: number): void {
  if (day < FIRST_DAY || day > LAST_DAY) throw new CalendarNotCoveredError(dateOfEpochDay(day));
}

/** Counts of days and milliseconds come from code (limits, durations), so a bad one is a bug. */
function requireCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InternalError(`The business calendar needs a whole number ≥ 0 for ${name}, got ${value}.`);
  }
}

/** The epoch day `n` working days after `day` (`day` itself for n = 0). */
function addDays(day: number, n: number, overrides: CalendarOverrides | undefined): number {
  requireCount(n, "the number of working days");
  requireCovered(day);
  for (let left = n; left > 0;) {
    if (isWorking(++day, overrides)) left--;
  }
  return day;
}

/**
 * Builds validated overrides from stored closures. Dates must be real YYYY-MM-DD dates (they need not be covered:
 * old closures may stay stored); a range may span at most `MAX_RANGE_DAYS`; a date may not be both closed and open.
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

/** Validates an inclusive range of dates and returns the epoch day of its end. */
function checkedRange(from: string, to: string): number {
  const [first, last] = [epochDay(from), epochDay(to)];
  if (last < first) throw new CalendarRangeError(`The range starts (${from}) after it ends (${to}).`);
  if (last - first + 1 > MAX_RANGE_DAYS) {
    throw new CalendarRangeError(`The range ${from} to ${to} is longer than ${MAX_RANGE_DAYS} days.`);
  }
  return last;
}

/** Whether a date is a working day: a weekday that is not a holiday, or a make-up working day (调休), then overrides. */
export function isWorkingDay(date: string, overrides?: CalendarOverrides): boolean {
  return isWorking(epochDay(date), overrides);
}

/**
 * The Nth working day after `date`. The start day is not counted (DOMAIN.md; 行政许可法 art. 42 periods), so this is
 * the day a period of n working days ends, and `date` need not be a working day itself. n = 0 returns `date`
 * unchanged (still checked): zero working days after it. (The package's `findWorkday(0, d)` would instead move a
 * non-working `d` to the next working day; for n ≥ 1 `findWorkday(n, d)` agrees with this.)
 */
export function addWorkingDays(date: string, n: number, overrides?: CalendarOverrides): string {
  return dateOfEpochDay(addDays(epochDay(date), n, overrides));
}

/**
 * Working days after `from` up to and including `to`, so `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
 * Antisymmetric: when `to` is before `from` it is minus the count from `to` to `from`; 0 when they are equal. It adds
 * up: between(a, b) + between(b, c) === between(a, c). Both ends must be covered.
 */
export function workingDaysBetween(from: string, to: string, overrides?: CalendarOverrides): number {
  const [a, b] = [epochDay(from), epochDay(to)];
  requireCovered(a);
  requireCovered(b);
  const step = b < a ? -1 : 1;
  let count = 0;
  for (let day = Math.min(a, b) + 1; day <= Math.max(a, b); day++) {
    if (isWorking(day, overrides)) count += step;
  }
  return count;
}

/**
 * The working dates in [from, to], both included (GET /v1/calendar/workdays). Throws `CalendarRangeError` when `to`
 * is before `from` or the range is longer than `MAX_RANGE_DAYS`, checked before coverage.
 */
export function workingDaysInRange(from: string, to: string, overrides?: CalendarOverrides): string[] {
  const last = checkedRange(from, to);
  const dates: string[] = [];
  for (let day = epochDay(from); day <= last; day++) {
    if (isWorking(day, overrides)) dates.push(DATES[day - FIRST_DAY]!);
  }
  return dates;
}

/**
 * When a period of n working days that starts at `start` ends: 24:00 Beijing time at the end of the Nth working day
 * after the Beijing date of `start` (DOMAIN.md), i.e. 00:00 +08:00 of the next calendar day. n = 0 gives the end of
 * the start day. The day after the last working day is not looked at, so a deadline may end at 2027-01-01T00:00+08.
 */
export function deadlineEnd(start: Date, n: number, overrides?: CalendarOverrides): Date {
  return new Date(startOfEpochDay(addDays(epochDayOf(start), n, overrides) + 1));
}

/**
 * The milliseconds of [a, b) that fall on working days; each Beijing calendar day counts its full 24 h when it is a
 * working day, nothing otherwise (working time for the supervision clocks: pauses under 行政许可法 art. 45 are
 * measured with it). Antisymmetric like `workingDaysBetween`; 0 when a equals b, without looking at the calendar.
 * Every day that [a, b) overlaps must be covered.
 */
export function workingMillisBetween(a: Date, b: Date, overrides?: CalendarOverrides): number {
  const [from, to] = [instantMs(a), instantMs(b)];
  if (to === from) return 0;
  if (to < from) return 0 - workingMillisBetween(b, a, overrides); // 0 - x, not -x: never -0
  let total = 0;
  for (let day = epochDayOf(a); startOfEpochDay(day) < to; day++) {
    if (!isWorking(day, overrides)) continue;
    total += Math.min(to, startOfEpochDay(day + 1)) - Math.max(from, startOfEpochDay(day));
  }
  return total;
}

/**
 * The earliest instant at which `ms` of working time has elapsed since `start`, so
 * `workingMillisBetween(start, addWorkingMillis(start, ms)) === ms`. A period that uses up a working day ends at its
 * 24:00, not after the holidays that follow. ms = 0 returns `start`. With this a clock paused for some working time
 * is extended by exactly that time: `addWorkingMillis(deadline, workingMillisBetween(pausedAt, resumedAt))`.
 */
export function addWorkingMillis(start: Date, ms: number, overrides?: CalendarOverrides): Date {
  requireCount(ms, "the working time");
  let at = instantMs(start);
  for (let day = epochDayOf(start), left = ms; left > 0; day++) {
    const end = startOfEpochDay(day + 1);
    if (isWorking(day, overrides)) {
      if (left <= end - at) return new Date(at + left);
      left -= end - at;
    }
    at = end;
  }
  return new Date(at);
}
