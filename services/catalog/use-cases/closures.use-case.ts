import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import { assertAdministers } from "../domain/scope.ts";
import { closureAdded, closureRemoved } from "../events.ts";
import { centerOr404 } from "./load.ts";

type Ports = Pick<CatalogPorts, "centers" | "clock" | "ids">;

/** Close a center on a date (renovation, emergency): deadlines counted in that center skip it. */
export async function addClosure(
  centerId: string,
  closure: { date: string; reason: string },
  caller: Caller,
  ports: Ports,
) {
  const center = await centerOr404(centerId, ports);
  assertAdministers(caller.principal, center);
  const event = newEvent(
    closureAdded,
    { centerId, ...closure },
    causedBy(caller, "catalog", centerId),
    ports,
  );
  await ports.centers.addClosure(centerId, closure, event);
  return { centerId, ...closure };
}

export async function removeClosure(
  centerId: string,
  date: string,
  caller: Caller,
  ports: Ports,
): Promise<void> {
  const center = await centerOr404(centerId, ports);
  assertAdministers(caller.principal, center);
  const event = newEvent(closureRemoved, { centerId, date }, causedBy(caller, "catalog", centerId), ports);
  await ports.centers.removeClosure(centerId, date, event);
}
