import { NotFoundError } from "#shared/errors.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import type { GuideVersion } from "../domain/guide.ts";
import type { Item } from "../domain/item.ts";

/** An item with its current guide, or the guide version asked for (public, art. 20). */
export async function getItem(
  itemId: string,
  version: number | undefined,
  { store }: Pick<CatalogPorts, "store">,
): Promise<Item & { guide: GuideVersion | null }> {
  const item = await store.getItem(itemId);
  if (!item) throw new NotFoundError(`Item ${itemId} does not exist.`);
  const wanted = version ?? item.currentGuideVersion;
  if (wanted > item.currentGuideVersion)
    throw new NotFoundError(`Item ${itemId} has no guide version ${wanted}.`);
  const guide = wanted > 0 ? ((await store.getGuide(itemId, wanted)) ?? null) : null;
  return { ...item, guide };
}
