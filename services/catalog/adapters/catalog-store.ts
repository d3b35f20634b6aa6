import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import { transactWrite } from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { Center } from "../domain/center.ts";
import type { GuideVersion } from "../domain/guide.ts";
import type { Item } from "../domain/item.ts";
import { centerPk, fromCenterRecord, toCenterRecord } from "./entities/center.entity.ts";
import {
  fromGuideRecord,
  fromItemRecord,
  guideKey,
  itemCodeKey,
  itemKey,
  itemPk,
  toGuideRecord,
  toItemRecord,
} from "./entities/item.entity.ts";

const notExists = "attribute_not_exists(pk)";

/** The catalog table adapter. Every state change is written together with its event item. */
export function catalogStore(tableName: string) {
  const get = async (key: { pk: string; sk: string }) =>
    (await dynamo().send(new GetCommand({ TableName: tableName, Key: key }))).Item;

  return {
    async registerCenter(center: Center, event: Envelope): Promise<void> {
      await transactWrite(
        [
          { Put: { TableName: tableName, Item: toCenterRecord(center), ConditionExpression: notExists } },
          { Put: { TableName: tableName, Item: eventItem(event, centerPk(center.id)) } },
        ],
        () => new ConflictError(`Center ${center.id} already exists.`),
      );
    },

    async getCenter(centerId: string): Promise<Center | undefined> {
      const record = await get({ pk: centerPk(centerId), sk: "center" });
      return record && fromCenterRecord(record);
    },

    listCenters(page: { cursor?: string; limit: number }): Promise<Page<Center>> {
      return queryPage(
        {
          TableName: tableName,
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :center",
          ExpressionAttributeValues: { ":center": "center" },
        },
        page,
        ["pk", "sk", "gsi1pk", "gsi1sk"],
        fromCenterRecord,
      );
    },

    async registerItem(item: Item, event: Envelope): Promise<void> {
      await transactWrite(
        [
          { Put: { TableName: tableName, Item: toItemRecord(item), ConditionExpression: notExists } },
          {
            Put: {
              TableName: tableName,
              Item: { ...itemCodeKey(item.code), entity: "itemCode", itemId: item.id },
              ConditionExpression: notExists,
            },
          },
          { Put: { TableName: tableName, Item: eventItem(event, itemPk(item.id)) } },
        ],
        (index) =>
          index === 1
            ? new ConflictError(`Item code ${item.code} is already used.`, {
                errors: [{ path: ["code"], message: "already used" }],
              })
            : new ConflictError(`Item ${item.id} already exists.`),
      );
    },

    async getItem(itemId: string): Promise<Item | undefined> {
      const record = await get(itemKey(itemId));
      return record && fromItemRecord(record);
    },

    async getGuide(itemId: string, version: number): Promise<GuideVersion | undefined> {
      const record = await get(guideKey(itemId, version));
      return record && fromGuideRecord(record);
    },

    /** One coverage warning per Beijing day: a rerun of the same day's check writes nothing. Returns whether it wrote. */
    async recordCoverageWarning(checkedOn: string, event: Envelope): Promise<boolean> {
      try {
        await transactWrite(
          [
            {
              Put: {
                TableName: tableName,
                Item: {
                  pk: "calendar#coverage",
                  sk: `check#${checkedOn}`,
                  entity: "coverageCheck",
                  eventId: event.id,
                },
                ConditionExpression: notExists,
              },
            },
            { Put: { TableName: tableName, Item: eventItem(event, "calendar#coverage") } },
          ],
          () => new ConflictError("already recorded"),
        );
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    },

    /** Bumps the item to the new guide version only if nobody else did since `item` was read. */
    async publishGuide(item: Item, guide: GuideVersion, event: Envelope): Promise<void> {
      await transactWrite(
        [
          {
            Update: {
              TableName: tableName,
              Key: itemKey(item.id),
              UpdateExpression: "SET currentGuideVersion = :g, version = :next",
              ConditionExpression: "version = :expected",
              ExpressionAttributeValues: {
                ":g": guide.version,
                ":next": item.version + 1,
                ":expected": item.version,
              },
            },
          },
          { Put: { TableName: tableName, Item: toGuideRecord(guide), ConditionExpression: notExists } },
          { Put: { TableName: tableName, Item: eventItem(event, itemPk(item.id)) } },
        ],
        () =>
          new ConflictError(
            "The item changed while this guide was being published; read it again and retry.",
          ),
      );
    },
  };
}

export type CatalogStore = ReturnType<typeof catalogStore>;
