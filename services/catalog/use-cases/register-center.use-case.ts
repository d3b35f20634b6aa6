import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import type { Center, CenterInput } from "../domain/center.ts";
import { centerRegistered } from "../events.ts";

/**
 * Register a service center (art. 8). The seed uses it with fixed ids; issue 3 adds the admin route and scope rules.
 * 1. Build the center at version 1.
 * 2. Save it with `center.registered` in one transaction.
 */
export async function registerCenter(
  input: CenterInput,
  caller: Caller,
  { store, clock, ids }: Pick<CatalogPorts, "store" | "clock" | "ids">,
): Promise<Center> {
  const center: Center = { id: ids.next("ctr"), ...input, createdAt: clock.now().toISOString(), version: 1 };
  const event = newEvent(
    centerRegistered,
    { centerId: center.id, name: center.name, level: center.level, kind: center.kind },
    causedBy(caller, "catalog", center.id),
    { clock, ids },
  );
  await store.registerCenter(center, event);
  return center;
}
