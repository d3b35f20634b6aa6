import { calendarCoverage } from "#shared/calendar/coverage.ts";
import { businessDate, daysBetween } from "#shared/calendar/time-zone.ts";

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
