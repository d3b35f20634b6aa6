import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { assertAdministers } from "../domain/scope.ts";
import { assertStationParent, type Station, type StationInput } from "../domain/station.ts";
import { stationRegistered } from "../contract/events.ts";
import { centerOr404 } from "./load.ts";

/** Set up a service station under a subdistrict or township center (art. 2, 8, 35). */
export async function registerStation(
  centerId: string,
  input: StationInput,
  caller: Caller,
  ports: Pick<CatalogPorts, "centers" | "clock" | "ids">,
): Promise<Station> {
  const center = await centerOr404(centerId, ports);
  assertAdministers(caller.principal, center);
  assertStationParent(center);
  const station: Station = {
    ...input,
    id: ports.ids.next("stn"),
    centerId,
    createdAt: ports.clock.now().toISOString(),
  };
  await ports.centers.createStation(
    station,
    newEvent(stationRegistered, { station }, causedBy(caller, "catalog", centerId), ports),
  );
  return station;
}
