import { publishedYearSchema, type PublishedYear } from "../calendar/holiday-schedule.ts";
import { WorkingCalendar } from "../calendar/working-days.ts";
import { queryAll } from "./dynamo.ts";
import { putIfNewer } from "./projection.ts";

/**
 * The official holiday schedules a service holds, in its own table (DESIGN.md: each service projects what it needs):
 *   calendar / year#<yyyy>    one published year, kept by version (catalog writes it; others project
 *                             `calendar.year-published`)
 * A handler gets its calendar from `calendar()`: every published year, read once and kept for `CACHE_MS` in the
 * function's memory, so a request costs no read. A year projected in this process is seen at once; another function
 * of the service sees it within `CACHE_MS` (a schedule is published weeks before its year begins).
 */
export const CALENDAR_PK = "calendar";
export const calendarYearKey = (year: number) => ({ pk: CALENDAR_PK, sk: `year#${year}` });
export const calendarYearRecord = (year: PublishedYear) => ({
  ...calendarYearKey(year.year),
  entity: "calendarYear",
  ...year,
});

const CACHE_MS = 60_000;
const cache = new Map<string, { loadedAt: number; calendar: Promise<WorkingCalendar> }>();

/** Every official year stored in a table. */
export async function publishedYears(tableName: string): Promise<PublishedYear[]> {
  const records = await queryAll(tableName, CALENDAR_PK, "year#");
  return records.map((r) => publishedYearSchema.parse(r));
}

export function calendarYears(tableName: string, now: () => number = Date.now) {
  return {
    /** The working calendar on this service's published years (cached; see above). */
    calendar(): Promise<WorkingCalendar> {
      const cached = cache.get(tableName);
      if (cached && now() - cached.loadedAt < CACHE_MS) return cached.calendar;
      const calendar = publishedYears(tableName).then((years) => new WorkingCalendar(years));
      cache.set(tableName, { loadedAt: now(), calendar });
      // A failed read is not kept: the next request tries again.
      calendar.catch(() => cache.get(tableName)?.calendar === calendar && cache.delete(tableName));
      return calendar;
    },

    /** Keep a published year if it is newer than the one held (by version); the cache is refreshed either way. */
    async project(year: PublishedYear): Promise<boolean> {
      const written = await putIfNewer(tableName, calendarYearRecord(year), year.version);
      cache.delete(tableName);
      return written;
    },

    /** Forget the cached calendar (after this process wrote a year itself). */
    invalidate(): void {
      cache.delete(tableName);
    },
  };
}

export type CalendarYears = ReturnType<typeof calendarYears>;
