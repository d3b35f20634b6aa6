import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import * as z from "zod";
import { ValidationError } from "../errors.ts";
import { dynamo } from "./clients.ts";

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
 * One page of a DynamoDB query. The cursor is the last evaluated key, base64url-encoded; a cursor of the wrong shape,
 * or one DynamoDB refuses for this query, is the caller's error (400), never a 500.
 */
export async function queryPage<T>(
  input: Omit<QueryCommandInput, "Limit" | "ExclusiveStartKey">,
  page: { cursor?: string; limit: number },
  keyNames: readonly string[],
  map: (record: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const start = page.cursor ? decodeCursor(page.cursor, keyNames) : undefined;
  try {
    const result = await dynamo().send(
      new QueryCommand({ ...input, Limit: page.limit, ExclusiveStartKey: start }),
    );
    const items = (result.Items ?? []).map(map);
    const next = result.LastEvaluatedKey
      ? Buffer.from(JSON.stringify(result.LastEvaluatedKey)).toString("base64url")
      : undefined;
    return next ? { items, nextCursor: next } : { items };
  } catch (error) {
    if (start && error instanceof Error && error.name === "ValidationException") throw badCursor();
    throw error;
  }
}
