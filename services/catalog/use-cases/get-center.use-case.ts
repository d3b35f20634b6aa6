import { businessDate } from "#shared/calendar/time-zone.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { centerOr404 } from "./load.ts";

/**
 * A center as the public sees it (art. 10–15): profile, hours, departments, windows and stations, and the rest days it
 * opens from today on.
 */
export async function getCenter(
  centerId: string,
  ports: Pick<CatalogPorts, "centers" | "departments" | "clock">,
) {
  const center = await centerOr404(centerId, ports);
  const today = businessDate(ports.clock.now());
  const [departments, windows, stations, openings] = await Promise.all([
    ports.departments.inCenter(centerId),
    ports.centers.windows(centerId),
    ports.centers.stations(centerId),
    ports.centers.openings(centerId),
  ]);
  return { ...center, departments, windows, stations, openings: openings.filter((o) => o.date >= today) };
}
