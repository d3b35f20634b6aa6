import type { CatalogPorts } from "../adapters/ports.ts";
import { centerOr404 } from "./load.ts";

/** A center as the public sees it (art. 10–15): profile, hours, departments, windows and stations. */
export async function getCenter(centerId: string, ports: Pick<CatalogPorts, "centers" | "departments">) {
  const center = await centerOr404(centerId, ports);
  const [departments, windows, stations] = await Promise.all([
    ports.departments.inCenter(centerId),
    ports.centers.windows(centerId),
    ports.centers.stations(centerId),
  ]);
  return { ...center, departments, windows, stations };
}
