import { causedBy, type Caller } from "#shared/auth/caller.ts";
import {
  officialYear,
  scheduleIssues,
  type YearCalendar,
  type YearScheduleInput,
} from "#shared/calendar/holiday-schedule.ts";
import { statutoryHolidays, type StatutoryDay } from "#shared/calendar/statutory-holidays.ts";
import { ConflictError, ForbiddenError, RuleViolationError } from "#shared/errors.ts";
import { newEvent, type TypedEnvelope } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { calendarYearPublished, type guidePublished } from "../contract/events.ts";

type Ports = Pick<CatalogPorts, "calendar" | "centers" | "clock" | "ids">;

/** A year's calendar as the API shows it: the schedule in force, where it comes from, and its statutory days. */
export interface YearView extends YearCalendar {
  statutoryHolidays: StatutoryDay[];
  workingDays: number;
}

export async function getYear(year: number, ports: Pick<Ports, "calendar">): Promise<YearView> {
  const calendar = await ports.calendar.calendar();
  const yyyy = String(year).padStart(4, "0");
  return {
    ...calendar.year(year),
    statutoryHolidays: statutoryHolidays(year),
    workingDays: calendar.workingDaysInRange(`${yyyy}-01-01`, `${yyyy}-12-31`).length,
  };
}

/**
 * Publish (or correct) a year's holiday schedule from the State Council's notice. Only the city-level center's
 * administration may (the schedule binds every center in Beijing).
 * 1. Check the schedule (422 naming the field): dates in the year, ranges that do not overlap, make-up working days on
 *    weekends, every statutory holiday of the 2024 rules inside a holiday range.
 * 2. Refuse a change made meanwhile (409): `version` is the version read, 0 for a year never published.
 * 3. Save the year and `calendar.year-published` in one transaction; every service projects it and moves what
 *    depends on it (open clocks, appointments on days that became holidays). Dates already printed stay as printed.
 */
export async function publishYear(
  year: number,
  input: YearScheduleInput & { version: number },
  caller: Caller,
  ports: Ports,
): Promise<YearView> {
  const own = caller.principal.centerId && (await ports.centers.get(caller.principal.centerId));
  if (!own || own.level !== "city" || own.kind !== "comprehensive") {
    throw new ForbiddenError("The holiday schedule is published by the city center's administration.");
  }
  const issues = scheduleIssues(year, input);
  if (issues.length) {
    throw new RuleViolationError(
      "holiday-schedule",
      `The ${year} schedule does not hold: ${issues.map((i) => i.message).join("; ")}.`,
      issues,
    );
  }
  const current = await ports.calendar.year(year);
  if ((current?.version ?? 0) !== input.version) {
    throw new ConflictError(
      `The ${year} schedule is at version ${current?.version ?? 0}, not ${input.version}: read it again.`,
      { version: current?.version ?? 0 },
    );
  }
  const published = officialYear(year, input, {
    version: input.version + 1,
    publishedAt: ports.clock.now().toISOString(),
    publishedBy: caller.principal.sub,
  });
  const event = newEvent(
    calendarYearPublished,
    published,
    causedBy(caller, "catalog", `calendar#${year}`),
    ports,
  );
  await ports.calendar.publish(published, event);
  return getYear(year, ports);
}

/** The longest committed limit grows with each guide published (consumes the catalog's own `item.guide-published`). */
export const noteGuideLimit = (
  event: TypedEnvelope<typeof guidePublished>,
  ports: Pick<CatalogPorts, "calendar">,
) => ports.calendar.noteCommittedLimit(event.data.guide.committedLimitDays);
