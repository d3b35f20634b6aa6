import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import { isConditionFailure } from "#shared/aws/dynamo.ts";
import type { GuideSnapshot } from "../domain/guide-snapshot.ts";
import {
  currentGuideKey,
  fromSnapshotRecord,
  guideVersionKey,
  toSnapshotRecord,
} from "./entities/guide-snapshot.entity.ts";

/** The intake table adapter. */
export function intakeStore(tableName: string) {
  return {
    /**
     * Keep every version, and move `current` forward only: an older or repeated event (queues do not keep order
     * and may deliver twice) never replaces a newer guide. Returns whether `current` moved.
     */
    async saveGuideSnapshot(snapshot: GuideSnapshot): Promise<boolean> {
      await dynamo().send(
        new PutCommand({
          TableName: tableName,
          Item: toSnapshotRecord(guideVersionKey(snapshot.itemId, snapshot.version), snapshot),
        }),
      );
      try {
        await dynamo().send(
          new PutCommand({
            TableName: tableName,
            Item: toSnapshotRecord(currentGuideKey(snapshot.itemId), snapshot),
            ConditionExpression: "attribute_not_exists(pk) OR version < :v",
            ExpressionAttributeValues: { ":v": snapshot.version },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async currentGuide(itemId: string): Promise<GuideSnapshot | undefined> {
      const { Item } = await dynamo().send(
        new GetCommand({ TableName: tableName, Key: currentGuideKey(itemId) }),
      );
      return Item && fromSnapshotRecord(Item);
    },
  };
}

export type IntakeStore = ReturnType<typeof intakeStore>;
