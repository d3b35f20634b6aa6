import type { GuideVersion } from "../../domain/guide.ts";
import type { ItemStatus } from "../../domain/item-status.ts";
import type { Item } from "../../domain/item.ts";
import { searchText } from "../../domain/search.ts";
import { centerPk } from "./center.entity.ts";

/** Item `item#<id>` / `item`; its guide versions and events share the partition (one query reads its history). */
export const itemPk = (itemId: string) => `item#${itemId}`;
export const itemKey = (itemId: string) => ({ pk: itemPk(itemId), sk: "item" });

/** gsi1 `items` / `<level>#<code>` (itemsByLevel); gsi2 `deptitems#<departmentId>` / `<code>` (itemsByDepartment). */
export const toItemRecord = (item: Item) => ({
  ...itemKey(item.id),
  entity: "item",
  gsi1pk: "items",
  gsi1sk: `${item.level}#${item.code}`,
  gsi2pk: `deptitems#${item.departmentId}`,
  gsi2sk: item.code,
  searchText: searchText(item),
  ...item,
});

/** Item code claim: makes codes unique with a conditional put in the same transaction. */
export const itemCodeKey = (code: string) => ({ pk: `itemcode#${code.toUpperCase()}`, sk: "itemcode" });

/** Guide version `item#<id>` / `guide#000007` (zero-padded so versions sort). */
export const guideKey = (itemId: string, version: number) => ({
  pk: itemPk(itemId),
  sk: `guide#${String(version).padStart(6, "0")}`,
});
export const toGuideRecord = (guide: GuideVersion) => ({
  ...guideKey(guide.itemId, guide.version),
  entity: "guide",
  ...guide,
});

/** An item's status in a center, in the center's partition, with the item's summary so center listings need no join. */
export const itemStatusKey = (centerId: string, itemId: string) => ({
  pk: centerPk(centerId),
  sk: `item#${itemId}`,
});
export const toItemStatusRecord = (status: ItemStatus, item: Item) => ({
  ...itemStatusKey(status.centerId, status.itemId),
  entity: "itemStatus",
  item: { id: item.id, code: item.code, name: item.name, departmentId: item.departmentId, level: item.level },
  searchText: searchText(item),
  ...status,
});

/** Search postings `term#<bigram>` / `item#<itemId>` and the term's count `term#<bigram>` / `count`. */
export const postingKey = (term: string, itemId: string) => ({ pk: `term#${term}`, sk: `item#${itemId}` });
export const termCountKey = (term: string) => ({ pk: `term#${term}`, sk: "count" });
export const toPostingRecord = (term: string, item: Item) => ({
  ...postingKey(term, item.id),
  entity: "posting",
  item: { id: item.id, code: item.code, name: item.name, departmentId: item.departmentId, level: item.level },
  searchText: searchText(item),
});
