import { causedBy, type Caller } from "#shared/auth/caller.ts";
import { newEvent } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import type { Item, ItemInput } from "../domain/item.ts";
import { itemRegistered } from "../events.ts";

/**
 * Add a service item to the catalog (art. 17).
 * 1. Build the item with no guide yet.
 * 2. Save it, claim its code (unique) and write `item.registered`, all in one transaction.
 */
export async function registerItem(
  input: ItemInput,
  caller: Caller,
  { store, clock, ids }: Pick<CatalogPorts, "store" | "clock" | "ids">,
): Promise<Item> {
  const item: Item = {
    id: ids.next("itm"),
    ...input,
    currentGuideVersion: 0,
    createdAt: clock.now().toISOString(),
    version: 1,
  };
  const event = newEvent(
    itemRegistered,
    { itemId: item.id, code: item.code, name: item.name, departmentId: item.departmentId, level: item.level },
    causedBy(caller, "catalog", item.id),
    { clock, ids },
  );
  await store.registerItem(item, event);
  return item;
}
