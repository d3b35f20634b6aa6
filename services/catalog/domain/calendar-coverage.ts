import { calendarCoverage } from "#shared/calendar/coverage.ts";
import { businessDate, daysBetween } from "#shared/calendar/time-zone.ts";

/**
 * Days of holiday data ahead below which the check warns and operations are alarmed (CALENDAR_COVERAGE_MIN_DAYS):
 * longer than the longest deadline set (a 60-working-day statutory limit is about 85 days), with time to update.
 */
export const DEFAULT_CALENDAR_COVERAGE_MIN_DAYS = 60;

export interface CoverageStatus {
  checkedOn: string;
  coveredFrom: string;
  coveredUntil: string;
  daysLeft: number;
  minDays: number;
  status: "ok" | "low";
}

/** How far ahead working days can be computed, and whether that is too short for the deadlines being set. */
export function coverageStatus(now: Date, minDays: number): CoverageStatus {
  const checkedOn = businessDate(now);
  const daysLeft = daysBetween(checkedOn, calendarCoverage.until);
  return {
    checkedOn,
    coveredFrom: calendarCoverage.from,
    coveredUntil: calendarCoverage.until,
    daysLeft,
    minDays,
    status: daysLeft < minDays ? "low" : "ok",
  };
}
