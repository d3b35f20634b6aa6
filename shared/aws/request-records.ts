import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";
import { dynamo } from "./clients.ts";

/**
 * The answers of changing requests that carried an `Idempotency-Key` (DESIGN.md, "HTTP API"; shared/http/idempotency.ts
 * decides what they mean). They live in the owning service's own table, in a partition per route (`idem#<route>`),
 * keyed by a hash of the caller-scoped key (the key itself is the caller's secret: never stored), expiring through the
 * table's `ttl` attribute. A record is either in progress (the generic step: written before the handler runs, by the
 * invocation `owner`, until `inProgressUntil`) or completed, holding the answer and the hash of the request it answers.
 */
export type Answer = APIGatewayProxyStructuredResultV2;

export interface RequestRecord {
  pk: string;
  sk: string;
  idemStatus: "INPROGRESS" | "COMPLETED";
  requestHash: string;
  response?: Answer;
  /** Epoch seconds: after it, the record no longer counts (DynamoDB deletes it some time later). */
  ttl: number;
  /** Epoch milliseconds: an in-progress record whose invocation ended (timed out) no longer holds the key. */
  inProgressUntil?: number;
  owner?: string;
  /**
   * Written in a transaction: the key of the first item written with it (what the answer describes), so a replay can
   * confirm that it is there (`witnessed`). `transactWrite` fills it in.
   */
  witness?: { pk: string; sk: string };
}

/**
 * An answer above this many bytes of JSON is kept brotli-compressed (`responseZ`, a binary attribute): a write costs a
 * unit per started KB, and the answers worth remembering — an application, a sealed document — are JSON of 2–6 KB
 * that compress about four to one (issue 21). Smaller ones stay readable as they are.
 */
const COMPRESS_ABOVE = 700;

type Stored = Omit<RequestRecord, "response"> & { response?: Answer; responseZ?: Uint8Array };

/** The record's answer as stored: as it is, or compressed when large. */
function packed(response: Answer): { response: Answer } | { responseZ: Uint8Array } {
  const json = JSON.stringify(response);
  if (Buffer.byteLength(json) <= COMPRESS_ABOVE) return { response };
  return {
    responseZ: brotliCompressSync(json, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  };
}

/** A stored record with its answer readable again. */
function unpacked(stored: Stored | undefined): RequestRecord | undefined {
  if (!stored?.responseZ) return stored;
  const { responseZ, ...record } = stored;
  return { ...record, response: JSON.parse(brotliDecompressSync(responseZ).toString("utf8")) as Answer };
}

const PARTITION = "idem#";
const COMPLETED = "COMPLETED";
const IN_PROGRESS = "INPROGRESS";

export const requestRecordKey = (route: string, keyHash: string) => ({
  pk: `${PARTITION}${route}`,
  sk: keyHash,
});

/** A record that no longer counts (its day is over) may be overwritten, as if it were gone. */
const FREE = "attribute_not_exists(pk) OR #ttl < :now";
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A write of the record inside a transaction was refused because the key's record exists (the request was answered,
 * or is being answered — shared/aws/dynamo.ts `transactWrite` raises it for the record's own cancellation reason): the
 * HTTP step reads the record and replays its answer, or refuses another request under the same key.
 */
export class RequestAlreadyRecorded extends Error {
  override readonly name = "RequestAlreadyRecorded";
}

/** Whether a transaction item is a request record (so `transactWrite` can tell its refusal from the others'). */
export function isRequestRecord(item: { Put?: { Item?: Record<string, unknown> } }): boolean {
  const pk = item.Put?.Item?.pk;
  return typeof pk === "string" && pk.startsWith(PARTITION);
}

type Writable = { Put?: { Item?: Record<string, unknown> } };

/**
 * A transaction's items with its request record naming its witness: the key of the first other item it puts (the
 * aggregate the request creates or changes). In AWS a transaction is all or nothing, and the record alone would prove
 * the rest; DynamoDB Local taken away in the middle of one (the outage drill) has kept a record without what it
 * answers, and a replay of that answer would have acknowledged an application that was never stored.
 */
export function withWitness<T extends Writable>(items: T[]): T[] {
  const at = items.findIndex(isRequestRecord);
  const witness = items.find((item, i) => i !== at && item.Put?.Item)?.Put?.Item;
  if (at < 0 || !witness) return items;
  return items.map((item, i) =>
    i === at
      ? {
          ...item,
          Put: { ...item.Put, Item: { ...item.Put!.Item, witness: { pk: witness.pk, sk: witness.sk } } },
        }
      : item,
  );
}

export function requestRecords(tableName: string) {
  return {
    /**
     * The completed record as one Put of a transaction, conditioned on the key being free: written together with
     * what it answers, it exists exactly when that was written (no round trip before, none after).
     */
    completedInTransaction(
      key: { pk: string; sk: string },
      requestHash: string,
      response: Answer,
      ttl: number,
    ) {
      return {
        Put: {
          TableName: tableName,
          Item: { ...key, idemStatus: COMPLETED, requestHash, ...packed(response), ttl },
          ConditionExpression: FREE,
          ExpressionAttributeNames: { "#ttl": "ttl" },
          ExpressionAttributeValues: { ":now": nowSeconds() },
        },
      };
    },

    /** The record, read strongly consistent (it was just written by another request); undefined if none counts. */
    async get(key: { pk: string; sk: string }): Promise<RequestRecord | undefined> {
      const { Item } = await dynamo().send(
        new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
      );
      const record = unpacked(Item as Stored | undefined);
      return record && record.ttl >= nowSeconds() ? record : undefined;
    },

    /**
     * Whether what a record written in a transaction answers is there (its witness; a strongly consistent read of
     * the key alone). A record without a witness answers for itself.
     */
    async witnessed(record: RequestRecord): Promise<boolean> {
      if (!record.witness) return true;
      const { Item } = await dynamo().send(
        new GetCommand({
          TableName: tableName,
          Key: record.witness,
          ConsistentRead: true,
          ProjectionExpression: "pk",
        }),
      );
      return Item !== undefined;
    },

    /** Forget a record whose witness is missing, so the request's retry runs and writes it all again. */
    async forget(record: RequestRecord): Promise<void> {
      try {
        await dynamo().send(
          new DeleteCommand({
            TableName: tableName,
            Key: { pk: record.pk, sk: record.sk },
            ConditionExpression: "requestHash = :hash",
            ExpressionAttributeValues: { ":hash": record.requestHash },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },

    /**
     * Take the key for a request about to run: the record is written in progress unless one counts already — then
     * that one is returned (from the refusal itself, no second read) and nothing is written.
     */
    async claim(
      record: RequestRecord & { inProgressUntil: number; owner: string },
    ): Promise<RequestRecord | undefined> {
      try {
        await dynamo().send(
          new PutCommand({
            TableName: tableName,
            Item: { ...record, idemStatus: IN_PROGRESS },
            ConditionExpression: `${FREE} OR (idemStatus = :inProgress AND inProgressUntil < :nowMs)`,
            ExpressionAttributeNames: { "#ttl": "ttl" },
            ExpressionAttributeValues: {
              ":now": nowSeconds(),
              ":nowMs": Date.now(),
              ":inProgress": IN_PROGRESS,
            },
            ReturnValuesOnConditionCheckFailure: "ALL_OLD",
          }),
        );
        return undefined;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException && error.Item)
          return unpacked(unmarshall(error.Item) as Stored);
        throw error;
      }
    },

    /** The claimed record completed with its answer. */
    async complete(key: { pk: string; sk: string }, response: Answer): Promise<void> {
      const stored = packed(response);
      const [name, value] = Object.entries(stored)[0]!;
      await dynamo().send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression:
            "SET idemStatus = :completed, #response = :response REMOVE inProgressUntil, #owner",
          ExpressionAttributeNames: { "#response": name, "#owner": "owner" },
          ExpressionAttributeValues: { ":completed": COMPLETED, ":response": value },
        }),
      );
    },

    /**
     * A completed record written after the fact, if the key is free (a route declared to record in its transaction
     * whose handler did not): it can lose a race that the transaction would not, and says so by returning false.
     */
    async completeIfFree(record: RequestRecord): Promise<boolean> {
      const { response, ...rest } = record;
      try {
        await dynamo().send(
          new PutCommand({
            TableName: tableName,
            Item: { ...rest, ...(response ? packed(response) : {}), idemStatus: COMPLETED },
            ConditionExpression: FREE,
            ExpressionAttributeNames: { "#ttl": "ttl" },
            ExpressionAttributeValues: { ":now": nowSeconds() },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    /** Release a claim that failed: only this invocation's, and only while still in progress. */
    async release(key: { pk: string; sk: string }, owner: string): Promise<void> {
      try {
        await dynamo().send(
          new DeleteCommand({
            TableName: tableName,
            Key: key,
            ConditionExpression: "idemStatus = :inProgress AND #owner = :owner",
            ExpressionAttributeNames: { "#owner": "owner" },
            ExpressionAttributeValues: { ":inProgress": IN_PROGRESS, ":owner": owner },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}

export type RequestRecords = ReturnType<typeof requestRecords>;
