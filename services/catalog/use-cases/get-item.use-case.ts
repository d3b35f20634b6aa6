import { NotFoundError } from "#shared/errors.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import type { GuideVersion } from "../domain/guide.ts";
import type { Item } from "../domain/item.ts";
import { itemOr404 } from "./load.ts";

/** An item with its current guide, or the guide version asked for (public, art. 20). */
export async function getItem(
  itemId: string,
  version: number | undefined,
  ports: Pick<CatalogPorts, "items">,
): Promise<Item & { guide: GuideVersion | null }> {
  const item = await itemOr404(itemId, ports);
  const wanted = version ?? item.currentGuideVersion;
  if (wanted > item.currentGuideVersion)
    throw new NotFoundError(`Item ${itemId} has no guide version ${wanted}.`);
  const guide = wanted > 0 ? ((await ports.items.getGuide(itemId, wanted)) ?? null) : null;
  return { ...item, guide };
}
