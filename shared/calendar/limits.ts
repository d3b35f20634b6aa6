import { epochDayOf, startOfEpochDay } from "./time-zone.ts";
import type { CalendarOverrides, WorkingCalendar } from "./working-days.ts";
import { InternalError } from "../errors.ts";

/**
 * Limits and their ends, shared by the services that set deadlines in mixed units (issue 22: complaints' reply,
 * appeal and rectification limits and monitoring's clocks count the same way; neither imports the other's domain).
 */

const ms = (at: string) => new Date(at).getTime();
const iso = (at: number | Date) => new Date(at).toISOString();

/**
 * How long a clock runs: statutory periods in working days (the start day not counted, ending 24:00 Beijing of the
 * Nth working day); hotline reply limits in hours or calendar days; a deadline set by a document (`until`).
 */
export type Limit =
  | { unit: "workingDays"; amount: number }
  | { unit: "hours"; amount: number }
  | { unit: "calendarDays"; amount: number }
  | { unit: "until"; dueAt: string };

/**
 * The days a limit counts on: the working calendar the service holds (official, package and provisional years) and
 * the center's closures.
 */
export interface Days {
  calendar: WorkingCalendar;
  overrides?: CalendarOverrides;
}

/** Working-day clocks need the calendar; clocks in hours or calendar days (hotline, rectification) do not. */
export function requireDays(days: Days | undefined): Days {
  if (!days) throw new InternalError("A working-day clock needs the working calendar.");
  return days;
}

/** The deadline without pauses. Calendar days end at 24:00 Beijing of the Nth day, the start day not counted. */
export function limitEnd(limit: Limit, startedAt: string, days?: Days): string {
  switch (limit.unit) {
    case "workingDays":
      return iso(requireDays(days).calendar.deadlineEnd(new Date(startedAt), limit.amount, days!.overrides));
    case "hours":
      return iso(ms(startedAt) + limit.amount * 3_600_000);
    case "calendarDays":
      return iso(startOfEpochDay(epochDayOf(new Date(startedAt)) + limit.amount + 1));
    case "until":
      return limit.dueAt;
  }
}
