import { BatchGetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import {
  getItem,
  getItems,
  put,
  putNew,
  putVersioned,
  transactWrite,
  type TransactItem,
} from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { GuideVersion } from "../domain/guide.ts";
import type { ItemStatus } from "../domain/item-status.ts";
import type { Item } from "../domain/item.ts";
import { bigrams, searchText } from "../domain/search.ts";
import { centerPk } from "./entities/center.entity.ts";
import {
  guideKey,
  itemCodeKey,
  itemKey,
  itemPk,
  itemStatusKey,
  postingKey,
  termCountKey,
  toGuideRecord,
  toItemRecord,
  toItemStatusRecord,
  toPostingRecord,
} from "./entities/item.entity.ts";

export interface ItemSummary {
  id: string;
  code: string;
  name: string;
  departmentId: string;
  level: string;
}

export interface ItemFilter {
  departmentId?: string;
  level?: string;
}

type PageRequest = { cursor?: string; limit: number };

/** Service items, their guides, their statuses in centers and the search index. */
export function itemStore(tableName: string) {
  /**
   * DynamoDB filter parts for the optional filters; `nested` reaches into a nested item summary (`item` is a reserved
   * word, so it goes through an expression attribute name).
   */
  const filterExpression = (
    filter: ItemFilter & { text?: string },
    nested?: "item",
  ): {
    values: Record<string, string>;
    FilterExpression?: string;
    ExpressionAttributeNames?: Record<string, string>;
  } => {
    const parts: string[] = [];
    const values: Record<string, string> = {};
    const prefix = nested ? "#nested." : "";
    if (filter.departmentId) {
      parts.push(`${prefix}departmentId = :dept`);
      values[":dept"] = filter.departmentId;
    }
    if (filter.level) {
      parts.push(`${prefix}#level = :level`);
      values[":level"] = filter.level;
    }
    if (filter.text) {
      parts.push("contains(searchText, :text)");
      values[":text"] = filter.text;
    }
    if (!parts.length) return { values };
    const names = {
      ...(filter.level ? { "#level": "level" } : {}),
      ...(nested && (filter.level || filter.departmentId) ? { "#nested": nested } : {}),
    };
    return {
      values,
      FilterExpression: parts.join(" AND "),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    };
  };

  return {
    async get(itemId: string): Promise<Item | undefined> {
      const record = await getItem(tableName, itemKey(itemId));
      return record && fromRecord<Item>(record);
    },

    /** Several items at once, in the order asked (undefined where none exists). */
    async getMany(itemIds: readonly string[]): Promise<(Item | undefined)[]> {
      return (await getItems(tableName, itemIds.map(itemKey))).map((r) => r && fromRecord<Item>(r));
    },

    async statusesIn(centerId: string, itemIds: readonly string[]): Promise<(ItemStatus | undefined)[]> {
      return (
        await getItems(
          tableName,
          itemIds.map((id) => itemStatusKey(centerId, id)),
        )
      ).map((r) => r && fromRecord<ItemStatus>(r));
    },

    async create(item: Item, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putNew(tableName, toItemRecord(item)),
          putNew(tableName, { ...itemCodeKey(item.code), entity: "itemCode", itemId: item.id }),
          put(tableName, eventItem(event, itemPk(item.id))),
        ],
        (index) =>
          index === 1
            ? new ConflictError(`Item code ${item.code} is already used.`, {
                errors: [{ path: ["code"], message: "already used" }],
              })
            : new ConflictError(`Item ${item.id} already exists.`),
      );
    },

    async getGuide(itemId: string, version: number): Promise<GuideVersion | undefined> {
      const record = await getItem(tableName, guideKey(itemId, version));
      return record && fromRecord<GuideVersion>(record);
    },

    /** The new version, the item moved to it (conditional on the version read) and the event, together. */
    async publishGuide(item: Item, guide: GuideVersion, event: Envelope): Promise<void> {
      await transactWrite(
        [
          putVersioned(tableName, toItemRecord(item)),
          putNew(tableName, toGuideRecord(guide)),
          put(tableName, eventItem(event, itemPk(item.id))),
        ],
        () =>
          new ConflictError(
            "The item changed while this guide was being published; read it again and retry.",
          ),
      );
    },

    async getStatus(centerId: string, itemId: string): Promise<ItemStatus | undefined> {
      const record = await getItem(tableName, itemStatusKey(centerId, itemId));
      return record && fromRecord<ItemStatus>(record);
    },

    /** First status: must not exist yet; later ones: conditional on the version read. */
    async setStatus(status: ItemStatus, item: Item, event: Envelope): Promise<void> {
      const record = toItemStatusRecord(status, item);
      await transactWrite(
        [
          status.version === 1 ? putNew(tableName, record) : putVersioned(tableName, record),
          put(tableName, eventItem(event, centerPk(status.centerId))),
        ],
        () =>
          new ConflictError("The item's status in this center changed meanwhile; read it again and retry."),
      );
    },

    /** All items (by level, then code) or one department's items (by code) — itemsByLevel / itemsByDepartment. */
    list(filter: ItemFilter, p: PageRequest): Promise<Page<Item>> {
      const byDepartment = filter.departmentId !== undefined;
      const { values, ...rest } = filterExpression(byDepartment ? { level: filter.level } : {});
      return queryPage<Item>(
        byDepartment
          ? {
              TableName: tableName,
              IndexName: "gsi2",
              KeyConditionExpression: "gsi2pk = :pk",
              ExpressionAttributeValues: { ":pk": `deptitems#${filter.departmentId}`, ...values },
              ...rest,
            }
          : {
              TableName: tableName,
              IndexName: "gsi1",
              KeyConditionExpression: filter.level
                ? "gsi1pk = :pk AND begins_with(gsi1sk, :level)"
                : "gsi1pk = :pk",
              ExpressionAttributeValues: filter.level
                ? { ":pk": "items", ":level": `${filter.level}#` }
                : { ":pk": "items" },
            },
        p,
        byDepartment ? ["pk", "sk", "gsi2pk", "gsi2sk"] : ["pk", "sk", "gsi1pk", "gsi1sk"],
        (r) => {
          const { searchText: _s, ...item } = fromRecord<Item & { searchText: string }>(r);
          return item;
        },
      );
    },

    /** Items with a status in a center (resident or excluded), optionally matching text and filters. */
    inCenter(centerId: string, filter: ItemFilter & { text?: string; status?: string }, p: PageRequest) {
      const { values, FilterExpression, ExpressionAttributeNames } = filterExpression(filter, "item");
      const status = filter.status ? "#status = :status" : undefined;
      return queryPage<ItemStatus & { item: ItemSummary }>(
        {
          TableName: tableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :item)",
          ExpressionAttributeValues: {
            ":pk": centerPk(centerId),
            ":item": "item#",
            ...values,
            ...(filter.status ? { ":status": filter.status } : {}),
          },
          ...(FilterExpression || status
            ? { FilterExpression: [FilterExpression, status].filter(Boolean).join(" AND ") }
            : {}),
          ...(ExpressionAttributeNames || status
            ? {
                ExpressionAttributeNames: {
                  ...ExpressionAttributeNames,
                  ...(status ? { "#status": "status" } : {}),
                },
              }
            : {}),
        },
        p,
        ["pk", "sk"],
        (r) => {
          const { searchText: _s, ...rest } = fromRecord<
            ItemStatus & { item: ItemSummary; searchText: string }
          >(r);
          return rest;
        },
      );
    },

    /**
     * Search: the postings of the query's rarest bigram (known from the term counts), filtered by the whole query.
     * The cursor remembers which term it pages through, so later pages stay consistent.
     */
    async search(
      grams: string[],
      text: string,
      filter: ItemFilter,
      p: PageRequest & { term?: string },
    ): Promise<Page<ItemSummary> & { term?: string }> {
      let term = p.term;
      if (!term) {
        const { Responses } = await dynamo().send(
          new BatchGetCommand({
            RequestItems: { [tableName]: { Keys: grams.slice(0, 100).map(termCountKey) } },
          }),
        );
        const counts = new Map(
          (Responses?.[tableName] ?? []).map((r) => [(r.pk as string).slice(5), r.count as number]),
        );
        // A bigram nobody uses means no item can match.
        if (grams.some((g) => !counts.get(g))) return { items: [] };
        term = [...grams].sort((a, b) => counts.get(a)! - counts.get(b)!)[0]!;
      }
      const { values, FilterExpression, ExpressionAttributeNames } = filterExpression(
        { ...filter, text },
        "item",
      );
      const result = await queryPage<ItemSummary>(
        {
          TableName: tableName,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :item)",
          ExpressionAttributeValues: { ":pk": `term#${term}`, ":item": "item#", ...values },
          FilterExpression,
          ExpressionAttributeNames,
        },
        p,
        ["pk", "sk"],
        (r) => r.item as ItemSummary,
      );
      return { ...result, term };
    },

    /**
     * Index an item for search: its postings and the term counts, in transactions of at most 49 terms, each with a
     * marker that must not exist yet — so indexing twice (a redelivered event) counts nothing twice.
     */
    async index(item: Item): Promise<void> {
      const terms = bigrams(searchText(item));
      const chunks = Array.from({ length: Math.ceil(terms.length / 49) }, (_, i) =>
        terms.slice(i * 49, i * 49 + 49),
      );
      await Promise.all(
        chunks.map(async (chunk, i) => {
          const items: TransactItem[] = [
            putNew(tableName, {
              pk: itemPk(item.id),
              sk: `indexed#${i}`,
              entity: "indexMarker",
              terms: chunk.length,
            }),
            ...chunk.flatMap((term): TransactItem[] => [
              put(tableName, toPostingRecord(term, item)),
              {
                Update: {
                  TableName: tableName,
                  Key: termCountKey(term),
                  UpdateExpression: "ADD #count :one SET entity = :entity",
                  ExpressionAttributeNames: { "#count": "count" },
                  ExpressionAttributeValues: { ":one": 1, ":entity": "termCount" },
                },
              },
            ]),
          ];
          await transactWrite(items, () => new ConflictError("indexed")).catch((error: unknown) => {
            if (!(error instanceof ConflictError)) throw error;
          });
        }),
      );
    },

    /** Whether a posting exists (tests and repair tools). */
    async isIndexed(term: string, itemId: string): Promise<boolean> {
      const { Count } = await dynamo().send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: "pk = :pk AND sk = :sk",
          ExpressionAttributeValues: {
            ":pk": postingKey(term, itemId).pk,
            ":sk": postingKey(term, itemId).sk,
          },
          Select: "COUNT",
        }),
      );
      return (Count ?? 0) > 0;
    },
  };
}

export type ItemStore = ReturnType<typeof itemStore>;
