import { ServiceUnavailableError } from "../errors.ts";
import { getItem, isTransactionConflict, retrying, type TransactItem } from "./dynamo.ts";

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

/** Lost the race for a number: another transaction claimed it first, or touched the counter at the same moment. */
export const isSequenceRace = (error: unknown): boolean =>
  error instanceof SequenceTakenError || isTransactionConflict(error);

/**
 * Run `attempt` — read the last number, build the act with the next one, write both in one transaction — again for
 * as long as it only loses the race for the number. A center's clerks decide in parallel (eight windows accepting at
 * once), and every one of them must get a number, not a 500: DynamoDB answers simultaneous writes to the counter
 * with TransactionConflict, not only with a failed condition. Still losing after `times` rounds, or after
 * `budgetMs` — well inside a function's 10 s timeout, which would otherwise end it as a 500 — is a busy counter, not
 * a fault: 503 with Retry-After, nothing written. (A window's own series is never this busy: issue 15.)
 */
export async function withNextNumber<T>(attempt: () => Promise<T>, times = 16, budgetMs = 4000): Promise<T> {
  try {
    return await retrying(attempt, isSequenceRace, times, budgetMs);
  } catch (error) {
    if (!isSequenceRace(error)) throw error;
    throw new ServiceUnavailableError(1, "Too many documents are being numbered at once; retry shortly.", {
      cause: error,
    });
  }
}
