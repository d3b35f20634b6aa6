import { calendarOverrides, workingDaysInRange } from "#shared/calendar/working-days.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { centerOr404 } from "./load.ts";

/**
 * Working days in a range (public): the State Council's holidays and make-up working days and, for a center, its
 * closures — the same days its deadlines count.
 */
export async function listWorkdays(
  query: { from: string; to: string; centerId?: string },
  ports: Pick<CatalogPorts, "centers">,
): Promise<{
  from: string;
  to: string;
  centerId?: string;
  workdays: string[];
  closures: { date: string; reason: string }[];
}> {
  const closures = query.centerId
    ? (await centerOr404(query.centerId, ports), await ports.centers.closures(query.centerId))
    : [];
  const overrides = calendarOverrides({ closed: closures.map((c) => c.date) });
  return { ...query, workdays: workingDaysInRange(query.from, query.to, overrides), closures };
}
