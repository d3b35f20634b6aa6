import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { ForbiddenError } from "#shared/errors.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import {
  assertRemoteMountainLevel,
  checkServiceHours,
  placeCenter,
  type Center,
  type CenterInput,
} from "../domain/center.ts";
import { assertAdministers } from "../domain/scope.ts";
import { centerRegistered } from "../contract/events.ts";

type Ports = Pick<CatalogPorts, "centers" | "clock" | "ids" | "policy">;

/**
 * Register a center (art. 8) under the center one level up — or, for a specialized sub-center, beside its
 * comprehensive center — by an administration that runs that center or one above it (art. 4).
 * 1. Place it: parent or comprehensive center of the right level and kind; its ancestors.
 * 2. Check its service hours against the legal working hours (art. 10).
 * 3. Save it with `center.registered`.
 * The city center has no parent: it is created when the system is installed (`bootstrap`), never through the API.
 */
export async function registerCenter(
  input: CenterInput,
  caller: Caller,
  ports: Ports,
  options: { bootstrap?: boolean } = {},
): Promise<Center> {
  const { centers, clock, ids, policy } = ports;
  assertRemoteMountainLevel(input);
  const parent = input.parentId ? await centers.get(input.parentId) : undefined;
  const comprehensive = input.comprehensiveCenterId
    ? await centers.get(input.comprehensiveCenterId)
    : undefined;
  const placement = placeCenter(input, { parent, comprehensive });
  const overseer = input.kind === "specialized" ? comprehensive : parent;
  if (overseer) assertAdministers(caller.principal, overseer);
  else if (!options.bootstrap)
    throw new ForbiddenError("The city center is set up when the system is installed.");
  checkServiceHours(input, input.hours, policy.legalWorkingHours);

  const now = clock.now().toISOString();
  const center: Center = {
    ...input,
    id: ids.next("ctr"),
    ...placement,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const event = newEvent(centerRegistered, { center }, causedBy(caller, "catalog", center.id), {
    clock,
    ids,
  });
  await centers.create(center, event);
  return center;
}
