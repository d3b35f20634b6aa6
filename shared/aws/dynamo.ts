import { ConditionalCheckFailedException, TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { IdempotencyInProgressError, isTransactionConflict } from "../errors.ts";
import { dynamo } from "./clients.ts";
import { isRequestRecord, RequestAlreadyRecorded, withWitness } from "./request-records.ts";

// The stores' retry predicate is defined beside the error table that answers it with 503 (shared/errors.ts).
export { isTransactionConflict };

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/**
 * Write a state change and its event items in one transaction (DESIGN.md: the event item is the outbox). When a
 * condition fails, `onConditionFailed` receives the index of the first failing item and returns the error to throw
 * (a ConflictError for a stale version, a NotFoundError for a missing aggregate, …). A request's idempotency record
 * among the items (shared/aws/request-records.ts) speaks first: refused, the key was used already
 * (RequestAlreadyRecorded: the HTTP step replays or refuses); in conflict, a request with the same key is committing
 * right now (409, retry shortly).
 */
export async function transactWrite(
  items: TransactItem[],
  onConditionFailed: (index: number) => Error,
  token?: string,
): Promise<void> {
  items = withWitness(items);
  const single = items.length === 1 && token === undefined ? singleWrite(items[0]!) : undefined;
  try {
    await (single
      ? single()
      : dynamo().send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: token })));
  } catch (error) {
    if (single && error instanceof ConditionalCheckFailedException) throw onConditionFailed(0);
    if (error instanceof TransactionCanceledException) {
      const record = items.findIndex(isRequestRecord);
      const recordRefusal = record >= 0 ? error.CancellationReasons?.[record]?.Code : undefined;
      if (recordRefusal === "ConditionalCheckFailed")
        throw new RequestAlreadyRecorded("This Idempotency-Key has an answer already.", { cause: error });
      if (recordRefusal === "TransactionConflict")
        throw new IdempotencyInProgressError(
          "The first request with this Idempotency-Key is still running; retry shortly.",
          {},
          { cause: error },
        );
      const index = error.CancellationReasons?.findIndex((r) => r.Code === "ConditionalCheckFailed") ?? -1;
      if (index >= 0) throw onConditionFailed(index);
    }
    throw error;
  }
}

/**
 * One item alone is written with the plain conditional request: it is as atomic, and DynamoDB bills a transaction at
 * twice the units (a clock's step, a notification marked as sending). A lone condition check stays a transaction.
 */
function singleWrite(item: TransactItem): (() => Promise<unknown>) | undefined {
  const { Put, Update, Delete } = item;
  if (Put) return () => dynamo().send(new PutCommand(Put));
  if (Update) return () => dynamo().send(new UpdateCommand(Update));
  if (Delete) return () => dynamo().send(new DeleteCommand(Delete));
  return undefined;
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}

/** Read one item by key (strongly consistent: a write just acknowledged is seen). */
export async function getItem(
  tableName: string,
  key: { pk: string; sk: string },
  { consistent = true }: { consistent?: boolean } = {},
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: consistent }),
  );
  return Item;
}

/**
 * Every item of a partition whose sort key starts with `prefix` (all of it for ""), for small, bounded collections —
 * of the table, or of one of its indexes (`gsiN`, keyed `gsiNpk`/`gsiNsk`).
 */
export async function queryAll(
  tableName: string,
  pk: string,
  prefix: string,
  index?: `gsi${number}`,
): Promise<Record<string, unknown>[]> {
  const [pkName, skName] = index ? [`${index}pk`, `${index}sk`] : ["pk", "sk"];
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName,
        ...(index ? { IndexName: index } : {}),
        KeyConditionExpression: prefix
          ? `${pkName} = :pk AND begins_with(${skName}, :prefix)`
          : `${pkName} = :pk`,
        ExpressionAttributeValues: prefix ? { ":pk": pk, ":prefix": prefix } : { ":pk": pk },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** A Put that must not overwrite (a new aggregate) or must find the version it read (optimistic concurrency). */
export const putNew = (tableName: string, item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" },
});

/** Write an item unless one is there under its key (a note, an event item written again): whether it wrote. */
export async function putIfAbsent(tableName: string, item: Record<string, unknown>): Promise<boolean> {
  try {
    await dynamo().send(new PutCommand(putNew(tableName, item).Put!));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
export const putVersioned = (
  tableName: string,
  item: Record<string, unknown> & { version: number },
): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: item,
    ConditionExpression: "version = :expected",
    ExpressionAttributeValues: { ":expected": item.version - 1 },
  },
});
export const put = (tableName: string, item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: tableName, Item: item },
});

/**
 * Many items by key, 100 keys a call, unprocessed keys retried; results in the order of `keys` (undefined if absent).
 * Strongly consistent unless the caller says why it need not be.
 */
export async function getItems(
  tableName: string,
  keys: readonly { pk: string; sk: string }[],
  { consistent = true }: { consistent?: boolean } = {},
): Promise<(Record<string, unknown> | undefined)[]> {
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < keys.length; i += 100) {
    let request: Record<string, unknown>[] | undefined = keys.slice(i, i + 100).map((k) => ({ ...k }));
    for (let attempt = 0; request?.length; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      const result: BatchGetCommandOutput = await dynamo().send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: request, ConsistentRead: consistent } } }),
      );
      for (const item of result.Responses?.[tableName] ?? [])
        found.set(`${item.pk as string}|${item.sk as string}`, item);
      request = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return keys.map((k) => found.get(`${k.pk}|${k.sk}`));
}

/**
 * Run `attempt` again (with jittered backoff) while it fails in a way `retryable` accepts — a transaction conflict by
 * default. For writes that race by design (a counter, the last places of a slot): a race is not a refusal. At most
 * `times` rounds, and none begun after `budgetMs`: a caller must get an answer before its function's timeout.
 */
export async function retrying<T>(
  attempt: () => Promise<T>,
  retryable: (e: unknown) => boolean = isTransactionConflict,
  times = 8,
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<T> {
  const started = Date.now();
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i + 1 >= times || !retryable(error) || Date.now() - started >= budgetMs) throw error;
      // full jitter, capped: 16 rounds of a hot counter stay within a few seconds
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(250, 10 * 2 ** i)));
    }
  }
}
