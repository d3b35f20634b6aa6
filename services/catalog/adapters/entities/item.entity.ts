import type { GuideVersion } from "../../domain/guide.ts";
import type { Item } from "../../domain/item.ts";

/** Item: `item#<id>` / `item`. Its guide versions and events share the partition (one query reads its history). */
export const itemKey = (itemId: string) => ({ pk: `item#${itemId}`, sk: "item" });
export const itemPk = (itemId: string) => `item#${itemId}`;

/** Item code claim: makes codes unique with a conditional put in the same transaction. */
export const itemCodeKey = (code: string) => ({ pk: `itemcode#${code.toUpperCase()}`, sk: "itemcode" });

/** Guide version: `item#<id>` / `guide#000007` (zero-padded so versions sort). */
export const guideKey = (itemId: string, version: number) => ({
  pk: `item#${itemId}`,
  sk: `guide#${String(version).padStart(6, "0")}`,
});

export const toItemRecord = (item: Item) => ({ ...itemKey(item.id), entity: "item", ...item });
export const toGuideRecord = (guide: GuideVersion) => ({
  ...guideKey(guide.itemId, guide.version),
  entity: "guide",
  ...guide,
});

export function fromItemRecord(record: Record<string, unknown>): Item {
  const { pk: _pk, sk: _sk, entity: _e, ...item } = record;
  return item as unknown as Item;
}

export function fromGuideRecord(record: Record<string, unknown>): GuideVersion {
  const { pk: _pk, sk: _sk, entity: _e, ...guide } = record;
  return guide as unknown as GuideVersion;
}
