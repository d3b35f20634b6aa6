import { fromRecord } from "#shared/aws/records.ts";
import { getItem, getItems, queryAll } from "#shared/aws/dynamo.ts";
import { eventOrder, putIfNewer } from "#shared/aws/projection.ts";
import type { GuideSnapshot } from "../domain/guide-snapshot.ts";
import type { CenterRef, ItemStatusRef, OpeningRef, WindowRef } from "../domain/reference.ts";

/**
 * Projections of the catalog (`ref#…` partitions): each moves forward only (putIfNewer), so out-of-order and repeated
 * deliveries leave the newest state.
 *   ref#center#<id> / center | closure#<date> | opening#<date> | window#<id> | item#<itemId>
 *   ref#guide#<itemId> / current | v#000007
 */
const centerPk = (centerId: string) => `ref#center#${centerId}`;
const guidePk = (itemId: string) => `ref#guide#${itemId}`;
const pad = (version: number) => String(version).padStart(6, "0");

export function referenceStore(tableName: string) {
  return {
    saveCenter: (center: CenterRef) =>
      putIfNewer(
        tableName,
        { pk: centerPk(center.id), sk: "center", entity: "centerRef", ...center },
        center.version,
      ),

    async center(centerId: string): Promise<CenterRef | undefined> {
      const record = await getItem(tableName, { pk: centerPk(centerId), sk: "center" });
      return record && fromRecord<CenterRef>(record);
    },

    saveClosure: (
      closure: { centerId: string; date: string; reason?: string; active: boolean },
      event: { occurredAt: string; id: string },
    ) =>
      putIfNewer(
        tableName,
        { pk: centerPk(closure.centerId), sk: `closure#${closure.date}`, entity: "closureRef", ...closure },
        eventOrder(event),
      ),

    /** The dates a center is closed (active closures only). */
    async closures(centerId: string): Promise<string[]> {
      const records = await queryAll(tableName, centerPk(centerId), "closure#");
      return records.filter((r) => r.active).map((r) => r.date as string);
    },

    saveOpening: (
      opening: { centerId: string; date: string; active: boolean } & Partial<OpeningRef>,
      event: { occurredAt: string; id: string },
    ) =>
      putIfNewer(
        tableName,
        { pk: centerPk(opening.centerId), sk: `opening#${opening.date}`, entity: "openingRef", ...opening },
        eventOrder(event),
      ),

    /** The rest days a center opens (active openings only), by date. */
    async openings(centerId: string): Promise<Map<string, OpeningRef>> {
      const records = await queryAll(tableName, centerPk(centerId), "opening#");
      return new Map(
        records
          .filter((r) => r.active)
          .map((r) => [r.date as string, { date: r.date, hours: r.hours, offers: r.offers } as OpeningRef]),
      );
    },

    saveWindow: (window: WindowRef) =>
      putIfNewer(
        tableName,
        { pk: centerPk(window.centerId), sk: `window#${window.id}`, entity: "windowRef", ...window },
        window.version,
      ),

    async windows(centerId: string): Promise<WindowRef[]> {
      return (await queryAll(tableName, centerPk(centerId), "window#")).map(fromRecord<WindowRef>);
    },

    async window(centerId: string, windowId: string): Promise<WindowRef | undefined> {
      const record = await getItem(tableName, { pk: centerPk(centerId), sk: `window#${windowId}` });
      return record && fromRecord<WindowRef>(record);
    },

    saveItemStatus: (status: ItemStatusRef, event: { occurredAt: string; id: string }) =>
      putIfNewer(
        tableName,
        { pk: centerPk(status.centerId), sk: `item#${status.itemId}`, entity: "itemStatusRef", ...status },
        eventOrder(event),
      ),

    async itemStatus(centerId: string, itemId: string): Promise<ItemStatusRef | undefined> {
      const record = await getItem(tableName, { pk: centerPk(centerId), sk: `item#${itemId}` });
      return record && fromRecord<ItemStatusRef>(record);
    },

    /**
     * Every version is kept (applications snapshot one); `current` only moves forward. True when either was written:
     * a delivery after a crash between the two writes the second.
     */
    async saveGuide(snapshot: GuideSnapshot): Promise<boolean> {
      const kept = await putIfNewer(
        tableName,
        { pk: guidePk(snapshot.itemId), sk: `v#${pad(snapshot.version)}`, entity: "guideRef", ...snapshot },
        1,
      );
      const current = await putIfNewer(
        tableName,
        { pk: guidePk(snapshot.itemId), sk: "current", entity: "guideRef", ...snapshot },
        snapshot.version,
      );
      return kept || current;
    },

    /**
     * What a submission is checked against — the center, the item's guide in force and the item's status in the
     * center — in one request (BatchGetItem), eventually consistent: half the read units and no leader-only read, and
     * each of the three is a projection of the catalog (an administrator's change reaching intake through events,
     * seconds late by design), so a read a second older than the newest write loses nothing the projection did not
     * lose already. A center registered, a guide published or an item status set a moment ago is seen as the
     * projection is: the submission is refused (400 or 422, nothing written) or snapshots the guide in force before,
     * whose version the application and its event name — corrections never exceed it (art. 27). What must hold at the
     * write is guarded by the transaction's own conditions (a new application, a new idempotency record).
     */
    async forSubmission(
      centerId: string,
      itemId: string,
    ): Promise<{ center?: CenterRef; guide?: GuideSnapshot; status?: ItemStatusRef }> {
      const [center, guide, status] = await getItems(
        tableName,
        [
          { pk: centerPk(centerId), sk: "center" },
          { pk: guidePk(itemId), sk: "current" },
          { pk: centerPk(centerId), sk: `item#${itemId}` },
        ],
        { consistent: false },
      );
      return {
        center: center && fromRecord<CenterRef>(center),
        guide: guide && fromRecord<GuideSnapshot>(guide),
        status: status && fromRecord<ItemStatusRef>(status),
      };
    },

    async currentGuide(itemId: string): Promise<GuideSnapshot | undefined> {
      const record = await getItem(tableName, { pk: guidePk(itemId), sk: "current" });
      return record && fromRecord<GuideSnapshot>(record);
    },
  };
}

export type ReferenceStore = ReturnType<typeof referenceStore>;
