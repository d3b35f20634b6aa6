import type { Center } from "../../domain/center.ts";
import type { Station } from "../../domain/station.ts";
import type { ServiceWindow } from "../../domain/window.ts";

/**
 * A center's partition `center#<id>` holds the center (`center`), its stations (`station#…`), windows (`window#…`),
 * window-code claims (`windowcode#…`), closures (`closure#<date>`), openings on rest days (`opening#<date>`), item statuses (`item#<itemId>`) and its events.
 */
export const centerPk = (centerId: string) => `center#${centerId}`;
export const centerKey = (centerId: string) => ({ pk: centerPk(centerId), sk: "center" });
const listingSk = (c: Center) => `${c.level}#${c.name}#${c.id}`;

/** gsi1 `center` (centersByLevel); gsi2 `children#<parentId>` (centersByParent). */
export const toCenterRecord = (center: Center) => ({
  ...centerKey(center.id),
  entity: "center",
  gsi1pk: "center",
  gsi1sk: listingSk(center),
  ...(center.parentId ? { gsi2pk: `children#${center.parentId}`, gsi2sk: listingSk(center) } : {}),
  ...center,
});

export const stationKey = (centerId: string, stationId: string) => ({
  pk: centerPk(centerId),
  sk: `station#${stationId}`,
});
export const toStationRecord = (station: Station) => ({
  ...stationKey(station.centerId, station.id),
  entity: "station",
  ...station,
});

export const windowKey = (centerId: string, windowId: string) => ({
  pk: centerPk(centerId),
  sk: `window#${windowId}`,
});
export const windowCodeKey = (centerId: string, code: string) => ({
  pk: centerPk(centerId),
  sk: `windowcode#${code}`,
});
export const toWindowRecord = (window: ServiceWindow) => ({
  ...windowKey(window.centerId, window.id),
  entity: "window",
  ...window,
});

export const closureKey = (centerId: string, date: string) => ({
  pk: centerPk(centerId),
  sk: `closure#${date}`,
});

export const openingKey = (centerId: string, date: string) => ({
  pk: centerPk(centerId),
  sk: `opening#${date}`,
});
