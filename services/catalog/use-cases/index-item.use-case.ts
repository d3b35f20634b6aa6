import type { TypedEnvelope } from "#shared/events/envelope.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import type { itemRegistered } from "../contract/events.ts";
import { itemOr404 } from "./load.ts";

/** Add a registered item to the search index (consumes the catalog's own `item.registered`; safe to repeat). */
export async function indexItem(
  event: TypedEnvelope<typeof itemRegistered>,
  ports: Pick<CatalogPorts, "items">,
): Promise<void> {
  await ports.items.index(await itemOr404(event.data.itemId, ports));
}
