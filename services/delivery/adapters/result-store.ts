import {
  getItem,
  put,
  putNew,
  putVersioned,
  queryAll,
  transactWrite,
  type TransactItem,
} from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { claimInSequence, lastInSequence, SequenceTakenError } from "#shared/aws/sequence.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { ELicense, ResultDelivery } from "../domain/results.ts";

/**
 * Result deliveries (art. 32) in the delivery table:
 * - `result#<applicationId>` / `delivery`: the delivery record (one per application), with its events (`evt#…`) in
 *   the same partition — the case's delivery history is one query. gsi3 `deliveries#<centerId>` /
 *   `<state>#<updatedAt>#<applicationId>` (deliveriesByCenter: a center's worklist by state), holding the keys and the
 *   method (the list's filter); the list reads the deliveries from the table.
 * - `elicense#<number>` / `license`: each e-license once, by number; `eliccounter` / `<year>`: its number sequence.
 * - `locker#<centerId>#<lockerId>` / `cell#<nnn>`: an occupied locker compartment (deleted when emptied).
 */
export const resultPk = (applicationId: string) => `result#${applicationId}`;
const key = (applicationId: string) => ({ pk: resultPk(applicationId), sk: "delivery" });
const licenseCounter = (year: number) => ({ pk: "eliccounter", sk: String(year) });
const lockerPk = (centerId: string, lockerId: string) => `locker#${centerId}#${lockerId}`;
const cellSk = (compartment: number) => `cell#${String(compartment).padStart(3, "0")}`;

function toRecord(d: ResultDelivery) {
  return {
    ...key(d.applicationId),
    entity: "resultDelivery",
    gsi3pk: `deliveries#${d.centerId}`,
    gsi3sk: `${d.state}#${d.updatedAt}#${d.applicationId}`,
    ...d,
  };
}

/** The locker compartment chosen was taken by another delivery meanwhile: choose again. */
export class CompartmentTakenError extends Error {
  override name = "CompartmentTakenError";
}

export interface DeliveryFilter {
  state?: string;
  method?: string;
}

export function resultStore(tableName: string) {
  return {
    async get(applicationId: string): Promise<ResultDelivery | undefined> {
      const record = await getItem(tableName, key(applicationId));
      return record && fromRecord<ResultDelivery>(record);
    },

    lastLicenseNumber: (year: number) => lastInSequence(tableName, licenseCounter(year)),

    /**
     * Open a delivery with its events and, for an approval, its e-license under the next number of the year — all in
     * one transaction. False when the delivery exists already (a redelivered decision: nothing is written twice).
     * Throws SequenceTakenError when another license took the number meanwhile.
     */
    async open(
      delivery: ResultDelivery,
      events: Envelope[],
      license?: { license: ELicense; year: number; sequence: number },
    ): Promise<boolean> {
      const items: TransactItem[] = [
        putNew(tableName, toRecord(delivery)),
        ...(license
          ? [
              claimInSequence(tableName, licenseCounter(license.year), license.sequence),
              putNew(tableName, {
                pk: `elicense#${license.license.number}`,
                sk: "license",
                entity: "eLicense",
                ...license.license,
              }),
            ]
          : []),
        ...events.map((e) => put(tableName, eventItem(e, resultPk(delivery.applicationId)))),
      ];
      try {
        await transactWrite(items, (index) =>
          index === 0 ? new ConflictError("exists") : new SequenceTakenError("The license number was taken."),
        );
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    },

    /**
     * A change with its events, conditional on the version read (409 to the slower of two writers). `extra` holds
     * compartment claims and releases; a claim that fails throws CompartmentTakenError.
     */
    async update(delivery: ResultDelivery, events: Envelope[], extra: TransactItem[] = []): Promise<void> {
      await transactWrite(
        [
          putVersioned(tableName, toRecord(delivery)),
          ...events.map((e) => put(tableName, eventItem(e, resultPk(delivery.applicationId)))),
          ...extra,
        ],
        (index) =>
          index === 0
            ? new ConflictError("The delivery changed meanwhile; read it again.")
            : new CompartmentTakenError("The locker compartment was taken meanwhile."),
      );
    },

    /** An event about the delivery that changes no state (a result link opened): the audit record alone. */
    async record(applicationId: string, event: Envelope): Promise<void> {
      await transactWrite(
        [putNew(tableName, eventItem(event, resultPk(applicationId)))],
        () => new ConflictError("exists"),
      );
    },

    async history(applicationId: string): Promise<Envelope[]> {
      return (await queryAll(tableName, resultPk(applicationId), "evt#")).map((r) => {
        const { pk: _pk, sk: _sk, entity: _e, ...event } = r;
        return event as Envelope;
      });
    },

    async license(number: string): Promise<ELicense | undefined> {
      const record = await getItem(tableName, { pk: `elicense#${number}`, sk: "license" });
      return record && fromRecord<ELicense>(record);
    },

    /** The compartments of a locker that hold a result now. */
    async occupiedCompartments(centerId: string, lockerId: string): Promise<number[]> {
      return (await queryAll(tableName, lockerPk(centerId, lockerId), "cell#")).map(
        (r) => r.compartment as number,
      );
    },

    claimCompartment: (
      centerId: string,
      lockerId: string,
      compartment: number,
      applicationId: string,
    ): TransactItem =>
      putNew(tableName, {
        pk: lockerPk(centerId, lockerId),
        sk: cellSk(compartment),
        entity: "lockerCompartment",
        centerId,
        lockerId,
        compartment,
        applicationId,
      }),

    /** Empty a compartment — only if it still holds this case's result. */
    releaseCompartment: (
      centerId: string,
      lockerId: string,
      compartment: number,
      applicationId: string,
    ): TransactItem => ({
      Delete: {
        TableName: tableName,
        Key: { pk: lockerPk(centerId, lockerId), sk: cellSk(compartment) },
        ConditionExpression: "applicationId = :app",
        ExpressionAttributeValues: { ":app": applicationId },
      },
    }),

    /** A center's deliveries, by state (newest change last within a state); method as a filter. */
    byCenter(
      centerId: string,
      filter: DeliveryFilter,
      page: { cursor?: string; limit: number },
    ): Promise<Page<ResultDelivery>> {
      const values: Record<string, string> = { ":pk": `deliveries#${centerId}` };
      let condition = "gsi3pk = :pk";
      if (filter.state) {
        condition += " AND begins_with(gsi3sk, :state)";
        values[":state"] = `${filter.state}#`;
      }
      if (filter.method) values[":method"] = filter.method;
      return queryPage<ResultDelivery>(
        {
          TableName: tableName,
          IndexName: "gsi3",
          KeyConditionExpression: condition,
          ExpressionAttributeValues: values,
          ...(filter.method
            ? { FilterExpression: "#method = :method", ExpressionAttributeNames: { "#method": "method" } }
            : {}),
        },
        page,
        ["pk", "sk", "gsi3pk", "gsi3sk"],
        fromRecord,
        { readItems: true },
      );
    },
  };
}

export type ResultStore = ReturnType<typeof resultStore>;
