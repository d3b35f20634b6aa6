import * as z from "zod";
import { CALENDAR_SOURCES, noticeSchema, yearCalendarSchema } from "#shared/calendar/holiday-schedule.ts";
import { FESTIVALS } from "#shared/calendar/statutory-holidays.ts";
import { pageOf } from "#shared/http/schemas.ts";
import { findingSchema } from "./domain/staff-compliance.ts";

/** The answers about the working calendar and the staff check (issue 16), described once. */
const date = z.iso.date();
const source = z.enum(CALENDAR_SOURCES);

/** A year's calendar as the API shows it (calendar-years.use-case.ts `YearView`). */
export const calendarYearSchema = yearCalendarSchema
  .extend({
    statutoryHolidays: z.array(z.object({ date, festival: z.enum(FESTIVALS), label: z.string() })),
    workingDays: z.number().int(),
  })
  .meta({ id: "CalendarYear" });

export const workdaysSchema = z
  .object({
    from: date,
    to: date,
    centerId: z.string().optional(),
    workdays: z.array(date),
    closures: z.array(z.object({ date, reason: z.string() })),
    /** The weakest source the range rests on. */
    calendar: source,
    years: z.array(z.object({ year: z.number().int(), source })),
  })
  .meta({ id: "Workdays" });

export const calendarCoverageSchema = z
  .object({
    checkedOn: date,
    longestCommittedLimitDays: z.number().int(),
    longestLimitWorkingDays: z.number().int(),
    reachesOn: date,
    years: z.array(
      z.object({
        year: z.number().int(),
        source,
        notice: noticeSchema.pick({ number: true, date: true }).optional(),
      }),
    ),
    provisionalYears: z.array(z.number().int()),
    status: z.enum(["ok", "provisional"]),
  })
  .meta({ id: "CalendarCoverage" });

export const complianceFindingPageSchema = pageOf(
  findingSchema.meta({ id: "ComplianceFinding" }),
  "ComplianceFindingPage",
);
