import type { CalendarSource } from "#shared/calendar/holiday-schedule.ts";
import { calendarOverrides } from "#shared/calendar/working-days.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { centerOr404 } from "./load.ts";

/**
 * Working days in a range (public): the holiday schedule of each year (official, the package's, or provisional) and,
 * for a center, its closures — the same days its deadlines count. `calendar` is the weakest source the range rests
 * on, `years` each year's.
 */
export async function listWorkdays(
  query: { from: string; to: string; centerId?: string },
  ports: Pick<CatalogPorts, "centers" | "calendar">,
): Promise<{
  from: string;
  to: string;
  centerId?: string;
  workdays: string[];
  closures: { date: string; reason: string }[];
  calendar: CalendarSource;
  years: { year: number; source: CalendarSource }[];
}> {
  const [calendar, closures] = await Promise.all([
    ports.calendar.calendar(),
    query.centerId
      ? centerOr404(query.centerId, ports).then(() => ports.centers.closures(query.centerId!))
      : Promise.resolve([]),
  ]);
  const overrides = calendarOverrides({ closed: closures.map((c) => c.date) });
  const workdays = calendar.workingDaysInRange(query.from, query.to, overrides);
  const years = [];
  for (let year = Number(query.from.slice(0, 4)); year <= Number(query.to.slice(0, 4)); year++) {
    years.push({ year, source: calendar.year(year).source });
  }
  return { ...query, workdays, closures, calendar: calendar.basis(query.from, query.to), years };
}
