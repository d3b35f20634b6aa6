import { businessDate } from "#shared/calendar/time-zone.ts";
import { getItem, putNew, putVersioned, transactWrite } from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { putIfNewer } from "#shared/aws/projection.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { Inspection } from "../domain/inspection.ts";

/**
 * Inspections (art. 53), in their own partition `inspection#<id>` with their events:
 *   inspection       the record and its findings; gsi3 `inspections#<centerId>` / `<inspectedAt>#<id>`
 *                    (inspectionsByCenter, newest first); gsi5 `rates#<centerId>#<YYYY-MM>` / `inspection#<id>`
 *   evt#<eventId>    its events (outbox and audit record)
 */
const pk = (id: string) => `inspection#${id}`;
const record = (i: Inspection) => ({
  pk: pk(i.id),
  sk: "inspection",
  entity: "inspection",
  gsi3pk: `inspections#${i.centerId}`,
  gsi3sk: `${i.inspectedAt}#${i.id}`,
  // The center-month partition (ratesByCenterMonth): staff appraisal counts findings by the month inspected.
  gsi5pk: `rates#${i.centerId}#${businessDate(new Date(i.inspectedAt)).slice(0, 7)}`,
  gsi5sk: `inspection#${i.id}`,
  ...i,
});

export function inspectionStore(tableName: string) {
  return {
    async get(id: string): Promise<Inspection | undefined> {
      const item = await getItem(tableName, { pk: pk(id), sk: "inspection" });
      return item && fromRecord<Inspection>(item);
    },

    async create(inspection: Inspection, event: Envelope): Promise<void> {
      await transactWrite(
        [putNew(tableName, record(inspection)), putNew(tableName, eventItem(event, pk(inspection.id)))],
        () => new ConflictError(`Inspection ${inspection.id} exists already.`),
      );
    },

    /** A change and its event, on the version read: the slower of two writers gets 409. */
    async update(inspection: Inspection, event: Envelope): Promise<void> {
      await transactWrite(
        [putVersioned(tableName, record(inspection)), putNew(tableName, eventItem(event, pk(inspection.id)))],
        () => new ConflictError("The inspection changed meanwhile; read it again."),
      );
    },

    /**
     * A staff compliance finding the catalog's daily check raised (art. 43–49), in the center-month partition of the
     * day it was raised on: staff appraisal counts it. Put by its id once: a redelivery writes nothing.
     */
    async saveComplianceFinding(f: {
      findingId: string;
      centerId: string;
      rule: string;
      staffId: string;
      checkedOn: string;
    }): Promise<void> {
      await putIfNewer(
        tableName,
        {
          pk: `cfinding#${f.findingId}`,
          sk: "finding",
          entity: "complianceFinding",
          gsi5pk: `rates#${f.centerId}#${f.checkedOn.slice(0, 7)}`,
          gsi5sk: `cfinding#${f.findingId}`,
          ...f,
        },
        f.checkedOn,
      );
    },

    list(centerId: string, page: { cursor?: string; limit: number }): Promise<Page<Inspection>> {
      return queryPage<Inspection>(
        {
          TableName: tableName,
          IndexName: "gsi3",
          KeyConditionExpression: "gsi3pk = :pk",
          ExpressionAttributeValues: { ":pk": `inspections#${centerId}` },
          ScanIndexForward: false,
        },
        page,
        ["pk", "sk", "gsi3pk", "gsi3sk"],
        fromRecord,
      );
    },
  };
}
