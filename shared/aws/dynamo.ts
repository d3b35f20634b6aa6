import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { dynamo } from "./clients.ts";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/**
 * Write a state change and its event items in one transaction (DESIGN.md: the event item is the outbox). When a
 * condition fails, `onConditionFailed` receives the index of the first failing item and returns the error to throw
 * (a ConflictError for a stale version, a NotFoundError for a missing aggregate, …).
 */
export async function transactWrite(
  items: TransactItem[],
  onConditionFailed: (index: number) => Error,
  token?: string,
): Promise<void> {
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: token }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const index = error.CancellationReasons?.findIndex((r) => r.Code === "ConditionalCheckFailed") ?? -1;
      if (index >= 0) throw onConditionFailed(index);
    }
    throw error;
  }
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException;
}
