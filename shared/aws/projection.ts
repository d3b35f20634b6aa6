import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "./clients.ts";
import { isConditionFailure } from "./dynamo.ts";

/**
 * Keep a projection item only if it is newer than what is stored. Queues neither keep order nor deliver once, so a
 * projection moves forward by a monotonic `order` (an aggregate version, or an event's occurredAt + id) and ignores
 * anything older or repeated. Returns whether the item was written.
 */
export async function putIfNewer(
  tableName: string,
  item: Record<string, unknown> & { pk: string; sk: string },
  order: number | string,
): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName,
        Item: { ...item, projectionOrder: order },
        ConditionExpression: "attribute_not_exists(pk) OR projectionOrder < :order",
        ExpressionAttributeValues: { ":order": order },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The order of an event among others about the same thing: when it happened, then its (time-sortable) id. */
export const eventOrder = (event: { occurredAt: string; id: string }) => `${event.occurredAt}|${event.id}`;
