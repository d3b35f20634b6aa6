import { getItem, type TransactItem } from "./dynamo.ts";

/**
 * Gap-free numbering (documents numbered per center and year, art. 29): read the last number, then move the counter
 * from it to the next inside the transaction that uses the number. If another transaction took it first, the
 * condition fails and the caller reads again — no number is skipped and none is used twice.
 */
export interface SequenceKey {
  pk: string;
  sk: string;
}

export async function lastInSequence(tableName: string, key: SequenceKey): Promise<number> {
  return ((await getItem(tableName, key))?.seq as number | undefined) ?? 0;
}

/** The transaction item that claims `next` (it fails when the counter is no longer at `next - 1`). */
export function claimInSequence(tableName: string, key: SequenceKey, next: number): TransactItem {
  const previous = next - 1;
  return {
    Put: {
      TableName: tableName,
      Item: { ...key, entity: "sequence", seq: next },
      ConditionExpression: previous === 0 ? "attribute_not_exists(pk)" : "seq = :previous",
      ...(previous === 0 ? {} : { ExpressionAttributeValues: { ":previous": previous } }),
    },
  };
}

/** The number was taken by another transaction meanwhile: read the sequence again and retry. */
export class SequenceTakenError extends Error {
  override name = "SequenceTakenError";
}
