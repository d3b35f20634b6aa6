import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { checkServiceHours, type Center, type CenterProfile } from "../domain/center.ts";
import { assertAdministers } from "../domain/scope.ts";
import { centerUpdated } from "../contract/events.ts";
import { centerOr404 } from "./load.ts";

/**
 * Change a center's profile — name, address, phone, zones, facilities, service hours (art. 9–15). Hours are checked
 * again: shortening the legal hours needs the art. 10 adjustment. Conditional on the version read.
 */
export async function updateCenter(
  centerId: string,
  changes: Partial<CenterProfile>,
  caller: Caller,
  ports: Pick<CatalogPorts, "centers" | "clock" | "ids" | "policy">,
): Promise<Center> {
  const { centers, clock, ids, policy } = ports;
  const current = await centerOr404(centerId, ports);
  assertAdministers(caller.principal, current);
  const center: Center = {
    ...current,
    ...changes,
    updatedAt: clock.now().toISOString(),
    version: current.version + 1,
  };
  checkServiceHours(center, center.hours, policy.legalWorkingHours);
  await centers.update(
    center,
    newEvent(centerUpdated, { center }, causedBy(caller, "catalog", center.id), { clock, ids }),
  );
  return center;
}
