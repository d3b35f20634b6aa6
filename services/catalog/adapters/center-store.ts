import { getItem, put, putNew, putVersioned, queryAll, transactWrite } from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { ConflictError, NotFoundError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { Center } from "../domain/center.ts";
import type { DateOpening } from "../domain/hours.ts";
import type { Station } from "../domain/station.ts";
import type { ServiceWindow } from "../domain/window.ts";
import {
  centerKey,
  centerPk,
  closureKey,
  openingKey,
  toCenterRecord,
  toStationRecord,
  toWindowRecord,
  windowCodeKey,
  windowKey,
} from "./entities/center.entity.ts";

const stale = (what: string) => () =>
  new ConflictError(`The ${what} changed meanwhile; read it again and retry.`);

/** Centers and what lives in a center's partition: stations, windows, closures, openings on rest days. */
export function centerStore(tableName: string) {
  const page = (
    gsi: "gsi1" | "gsi2",
    pk: string,
    prefix: string | undefined,
    p: { cursor?: string; limit: number },
  ) =>
    queryPage<Center>(
      {
        TableName: tableName,
        IndexName: gsi,
        KeyConditionExpression: prefix
          ? `${gsi}pk = :pk AND begins_with(${gsi}sk, :prefix)`
          : `${gsi}pk = :pk`,
        ExpressionAttributeValues: prefix ? { ":pk": pk, ":prefix": prefix } : { ":pk": pk },
      },
      p,
      ["pk", "sk", `${gsi}pk`, `${gsi}sk`],
      fromRecord,
    );

  return {
    async get(centerId: string): Promise<Center | undefined> {
      const record = await getItem(tableName, centerKey(centerId));
      return record && fromRecord<Center>(record);
    },

    async create(center: Center, event: Envelope): Promise<void> {
      await transactWrite(
        [putNew(tableName, toCenterRecord(center)), put(tableName, eventItem(event, centerPk(center.id)))],
        () => new ConflictError(`Center ${center.id} already exists.`),
      );
    },

    async update(center: Center, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putVersioned(tableName, toCenterRecord(center)),
          put(tableName, eventItem(event, centerPk(center.id))),
        ],
        stale("center"),
      );
    },

    /** All centers by level then name (centersByLevel), or one level. */
    list(filter: { level?: string }, p: { cursor?: string; limit: number }): Promise<Page<Center>> {
      return page("gsi1", "center", filter.level ? `${filter.level}#` : undefined, p);
    },

    /** The centers directly below one (centersByParent). */
    children(
      parentId: string,
      filter: { level?: string },
      p: { cursor?: string; limit: number },
    ): Promise<Page<Center>> {
      return page("gsi2", `children#${parentId}`, filter.level ? `${filter.level}#` : undefined, p);
    },

    async stations(centerId: string): Promise<Station[]> {
      return (await queryAll(tableName, centerPk(centerId), "station#")).map(fromRecord<Station>);
    },

    async createStation(station: Station, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putNew(tableName, toStationRecord(station)),
          put(tableName, eventItem(event, centerPk(station.centerId))),
        ],
        () => new ConflictError(`Station ${station.id} already exists.`),
      );
    },

    async windows(centerId: string): Promise<ServiceWindow[]> {
      return (await queryAll(tableName, centerPk(centerId), "window#")).map(fromRecord<ServiceWindow>);
    },

    async getWindow(centerId: string, windowId: string): Promise<ServiceWindow | undefined> {
      const record = await getItem(tableName, windowKey(centerId, windowId));
      return record && fromRecord<ServiceWindow>(record);
    },

    /** A window and the claim of its code in the center (codes are unique per center). */
    async createWindow(window: ServiceWindow, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putNew(tableName, toWindowRecord(window)),
          putNew(tableName, {
            ...windowCodeKey(window.centerId, window.code),
            entity: "windowCode",
            windowId: window.id,
          }),
          put(tableName, eventItem(event, centerPk(window.centerId))),
        ],
        (i) =>
          i === 1
            ? new ConflictError(`Window ${window.code} already exists in this center.`, {
                errors: [{ path: ["code"], message: "already used" }],
              })
            : new ConflictError(`Window ${window.id} already exists.`),
      );
    },

    async updateWindow(window: ServiceWindow, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putVersioned(tableName, toWindowRecord(window)),
          put(tableName, eventItem(event, centerPk(window.centerId))),
        ],
        stale("window"),
      );
    },

    async closures(centerId: string): Promise<{ date: string; reason: string }[]> {
      return (await queryAll(tableName, centerPk(centerId), "closure#")).map((r) => ({
        date: r.date as string,
        reason: r.reason as string,
      }));
    },

    async addClosure(
      centerId: string,
      closure: { date: string; reason: string },
      event: Envelope,
    ): Promise<void> {
      await transactWrite(
        [
          putNew(tableName, { ...closureKey(centerId, closure.date), entity: "closure", ...closure }),
          put(tableName, eventItem(event, centerPk(centerId))),
        ],
        () =>
          new ConflictError(`The center is already closed on ${closure.date}.`, {
            errors: [{ path: ["date"], message: "already closed" }],
          }),
      );
    },

    async openings(centerId: string): Promise<DateOpening[]> {
      return (await queryAll(tableName, centerPk(centerId), "opening#")).map((r) => {
        const { date, reason, hours, offers } = r as unknown as DateOpening;
        return { date, reason, hours, offers };
      });
    },

    async addOpening(centerId: string, opening: DateOpening, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putNew(tableName, { ...openingKey(centerId, opening.date), entity: "opening", ...opening }),
          put(tableName, eventItem(event, centerPk(centerId))),
        ],
        () =>
          new ConflictError(`The center already opens on ${opening.date}; withdraw that opening first.`, {
            errors: [{ path: ["date"], message: "already open" }],
          }),
      );
    },

    async removeOpening(centerId: string, date: string, event: Envelope): Promise<void> {
      await transactWrite(
        [
          {
            Delete: {
              TableName: tableName,
              Key: openingKey(centerId, date),
              ConditionExpression: "attribute_exists(pk)",
            },
          },
          put(tableName, eventItem(event, centerPk(centerId))),
        ],
        () => new NotFoundError(`The center has no opening on ${date}.`),
      );
    },

    async removeClosure(centerId: string, date: string, event: Envelope): Promise<void> {
      await transactWrite(
        [
          {
            Delete: {
              TableName: tableName,
              Key: closureKey(centerId, date),
              ConditionExpression: "attribute_exists(pk)",
            },
          },
          put(tableName, eventItem(event, centerPk(centerId))),
        ],
        () => new NotFoundError(`The center has no closure on ${date}.`),
      );
    },
  };
}

export type CenterStore = ReturnType<typeof centerStore>;
