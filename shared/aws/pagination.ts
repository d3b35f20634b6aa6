import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { ValidationError } from "../errors.ts";
import { dynamo } from "./clients.ts";
import { getItems } from "./dynamo.ts";

export interface Page<T> {
  items: T[];
  /** Present when there are more; pass back unchanged as the `cursor` query parameter (issue 16: every list). */
  nextCursor?: string;
}

const badCursor = () =>
  new ValidationError([{ path: ["query", "cursor"], message: "Not a cursor this list returned." }]);

function decodeCursor(cursor: string, keyNames: readonly string[]): Record<string, unknown> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  const shape = z.record(z.string(), z.union([z.string(), z.number()]));
  const parsed = shape.safeParse(key);
  if (!parsed.success || Object.keys(parsed.data).sort().join() !== [...keyNames].sort().join())
    throw badCursor();
  return parsed.data;
}

/**
 * The items an index query found, read from the table: for an index that holds only keys (and the few attributes its
 * queries filter on — `projection` in the manifest), so that writes leaving its keys alone cost it nothing (issue 21).
 * Read eventually consistent, as the index itself is; an item whose index keys moved since (its state changed) is left
 * out, as the index itself would soon leave it out — a list never shows an item under a key it no longer has.
 */
export async function fromTable(
  tableName: string,
  index: string,
  found: readonly Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const items = await getItems(
    tableName,
    found.map((r) => ({ pk: r.pk as string, sk: r.sk as string })),
    { consistent: false },
  );
  return items.filter(
    (item, i): item is Record<string, unknown> =>
      item !== undefined &&
      item[`${index}pk`] === found[i]![`${index}pk`] &&
      item[`${index}sk`] === found[i]![`${index}sk`],
  );
}

/**
 * One page of a DynamoDB query. The cursor is the last evaluated key, base64url-encoded; a cursor of the wrong shape,
 * or one DynamoDB refuses for this query, is the caller's error (400), never a 500. `readItems`: the query is on an
 * index that holds keys only, so the items are read from the table (`fromTable`).
 */
export async function queryPage<T>(
  input: Omit<QueryCommandInput, "Limit" | "ExclusiveStartKey">,
  page: { cursor?: string; limit: number },
  keyNames: readonly string[],
  map: (record: Record<string, unknown>) => T,
  { readItems = false }: { readItems?: boolean } = {},
): Promise<Page<T>> {
  const start = page.cursor ? decodeCursor(page.cursor, keyNames) : undefined;
  try {
    const result = await dynamo().send(
      new QueryCommand({ ...input, Limit: page.limit, ExclusiveStartKey: start }),
    );
    const found = result.Items ?? [];
    const records =
      readItems && input.IndexName && input.TableName
        ? await fromTable(input.TableName, input.IndexName, found)
        : found;
    const items = records.map(map);
    const next = result.LastEvaluatedKey
      ? Buffer.from(JSON.stringify(result.LastEvaluatedKey)).toString("base64url")
      : undefined;
    return next ? { items, nextCursor: next } : { items };
  } catch (error) {
    if (start && error instanceof Error && error.name === "ValidationException") throw badCursor();
    throw error;
  }
}
