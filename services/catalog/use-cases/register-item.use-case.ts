import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import type { Item, ItemInput } from "../domain/item.ts";
import { assertAdministers } from "../domain/scope.ts";
import { itemRegistered } from "../contract/events.ts";
import { referencedCenter, referencedDepartment } from "./load.ts";

/**
 * Add a service item to the catalog (art. 17), for a department stationed in a center the caller administers.
 * 1. Build the item with no guide yet.
 * 2. Save it, claim its code (unique) and write `item.registered`, in one transaction; search indexing follows from
 *    the event.
 */
export async function registerItem(
  input: ItemInput,
  caller: Caller,
  ports: Pick<CatalogPorts, "items" | "departments" | "centers" | "clock" | "ids">,
): Promise<Item> {
  const department = await referencedDepartment(input.departmentId, ["departmentId"], ports);
  assertAdministers(caller.principal, await referencedCenter(department.centerId, ["departmentId"], ports));
  const item: Item = {
    id: ports.ids.next("itm"),
    ...input,
    currentGuideVersion: 0,
    createdAt: ports.clock.now().toISOString(),
    version: 1,
  };
  const event = newEvent(
    itemRegistered,
    { itemId: item.id, code: item.code, name: item.name, departmentId: item.departmentId, level: item.level },
    causedBy(caller, "catalog", item.id),
    ports,
  );
  await ports.items.create(item, event);
  return item;
}
