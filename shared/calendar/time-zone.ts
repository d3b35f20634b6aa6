import { InternalError } from "../errors.ts";
import { InvalidBusinessDateError } from "./errors.ts";

/** Business dates are Beijing dates (DOMAIN.md: working days are counted in Asia/Shanghai). */
export const BUSINESS_TIME_ZONE = "Asia/Shanghai";

/**
 * Asia/Shanghai is UTC+8 all year: China has had no daylight saving time since 1991, long before the holiday data
 * starts (2004). So a Beijing calendar day is exactly the UTC day shifted by 8 hours, and date arithmetic is plain
 * integer arithmetic on "epoch days" (days since 1970-01-01) — no Intl formatting, which matters in the loops that
 * walk day by day for many timers. `time-zone.test.ts` checks this against Intl.
 */
export const BUSINESS_UTC_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The epoch day of a YYYY-MM-DD date, or undefined when it is not one (wrong form, or no such day: 2026-02-30). */
function tryEpochDay(date: unknown): number | undefined {
  const match = typeof date === "string" ? DATE_PATTERN.exec(date) : null;
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const at = new Date(0);
  at.setUTCFullYear(year, month, day); // unlike Date.UTC, keeps years 0–99 as they are
  const real = at.getUTCFullYear() === year && at.getUTCMonth() === month && at.getUTCDate() === day;
  return real ? at.getTime() / DAY_MS : undefined;
}

/** Whether a value is a real calendar date written YYYY-MM-DD (for input schemas). */
export function isBusinessDate(value: unknown): value is string {
  return tryEpochDay(value) !== undefined;
}

/** Days since 1970-01-01 of a YYYY-MM-DD date; throws `InvalidBusinessDateError` for anything else. */
export function epochDay(date: string): number {
  const day = tryEpochDay(date);
  if (day === undefined) throw new InvalidBusinessDateError(date);
  return day;
}

/** The YYYY-MM-DD date of an epoch day. */
export function dateOfEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The epoch day of the Beijing date an instant falls on. */
export function epochDayOf(at: Date): number {
  return Math.floor((instantMs(at) + BUSINESS_UTC_OFFSET_MS) / DAY_MS);
}

/** The instant (ms) of 00:00 Beijing time on an epoch day. */
export function startOfEpochDay(day: number): number {
  return day * DAY_MS - BUSINESS_UTC_OFFSET_MS;
}

/** The Beijing calendar date of an instant, as YYYY-MM-DD. */
export function businessDate(at: Date): string {
  return dateOfEpochDay(epochDayOf(at));
}

/** 00:00 Beijing time on a YYYY-MM-DD date. */
export function startOfBusinessDate(date: string): Date {
  return new Date(startOfEpochDay(epochDay(date)));
}

/** Whole days from one YYYY-MM-DD date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** Milliseconds of a valid Date; an Invalid Date is a bug upstream, so it fails here rather than yield NaN dates. */
export function instantMs(at: Date): number {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new InternalError("Invalid Date given to the business calendar.");
  return ms;
}
