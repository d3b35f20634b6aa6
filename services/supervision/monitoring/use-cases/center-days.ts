import type { MonitoringPorts } from "../adapters/ports.ts";
import type { CenterFacts } from "../adapters/directory-store.ts";
import type { Days } from "#shared/calendar/limits.ts";

/**
 * A center's facts and the days its clocks count on: the working calendar supervision holds (the holiday schedules it
 * projected; the package's years and provisional ones otherwise) with the center's closures.
 */
export async function centerDays(
  centerId: string,
  ports: Pick<MonitoringPorts, "directory" | "calendar">,
): Promise<{ center: CenterFacts; days: Days }> {
  const [center, calendar] = await Promise.all([ports.directory.center(centerId), ports.calendar.calendar()]);
  return { center, days: { calendar, overrides: center.overrides } };
}
