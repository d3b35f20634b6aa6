import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import { getItem, isConditionFailure, put, putNew, putVersioned, transactWrite } from "#shared/aws/dynamo.ts";
import { queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import type { Notification } from "../domain/notification.ts";

/**
 * Notifications `ntf#<id>` / `ntf` with their events; gsi1 `ntfs#app#<applicationId>` (notificationsByApplication:
 * what the applicant was sent — staff warnings are not indexed there),
 * gsi2 `ntfs#user#<userId>` (notificationsByRecipient), both by creation time. A notification's id is derived from its
 * source event, channel and recipient (use-cases/notify.use-case.ts), so its conditional Put makes a redelivered event
 * notify nobody twice.
 */
const key = (id: string) => ({ pk: `ntf#${id}`, sk: "ntf" });

function toRecord(n: Notification) {
  const sort = `${n.createdAt}#${n.id}`;
  return {
    ...key(n.id),
    entity: "notification",
    // A case's notifications are what its applicant was sent: staff warnings about it stay in staff inboxes (issue 17).
    ...(n.applicationId && n.recipient.kind !== "staff"
      ? { gsi1pk: `ntfs#app#${n.applicationId}`, gsi1sk: sort }
      : {}),
    ...(n.recipient.userId ? { gsi2pk: `ntfs#user#${n.recipient.userId}`, gsi2sk: sort } : {}),
    ...n,
  };
}

export function notificationStore(tableName: string) {
  const page = (
    index: "gsi1" | "gsi2",
    pk: string,
    p: { cursor?: string; limit: number },
  ): Promise<Page<Notification>> =>
    queryPage<Notification>(
      {
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ":pk": pk },
        ScanIndexForward: false,
      },
      p,
      ["pk", "sk", `${index}pk`, `${index}sk`],
      fromRecord,
      { readItems: true },
    );

  return {
    async get(id: string): Promise<Notification | undefined> {
      const record = await getItem(tableName, key(id));
      return record && fromRecord<Notification>(record);
    },

    /**
     * A new notification with its events (one conditional Put when it has none); false when it exists already — the
     * same source, channel and recipient gave it the same id.
     */
    async create(notification: Notification, events: Envelope[]): Promise<boolean> {
      try {
        await transactWrite(
          [
            putNew(tableName, toRecord(notification)),
            ...events.map((e) => put(tableName, eventItem(e, key(notification.id).pk))),
          ],
          () => new ConflictError("already notified"),
        );
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    },

    /**
     * Take one send from each counter — the recipient's (`rate#<channel>#<to>`) and the applicant account's
     * (`rate#account#<sub>`) for this hour — all or none; false when any is at its limit. Counters expire with `ttl`.
     */
    async takeSendSlot(
      counters: { key: string; limit: number }[],
      hour: string,
      expiresAt: number,
    ): Promise<boolean> {
      // One conditional update per counter rather than one transaction: a transaction bills every item twice, and
      // "all or none" only matters when a later counter refuses — then the slots taken before it are given back.
      const count = (key: string, by: 1 | -1, limit?: number) =>
        dynamo().send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: `rate#${key}`, sk: hour },
            UpdateExpression: "ADD #n :by SET #ttl = :ttl, #entity = :entity",
            ...(limit === undefined
              ? {}
              : { ConditionExpression: "attribute_not_exists(#n) OR #n < :limit" }),
            ExpressionAttributeNames: { "#n": "sent", "#ttl": "ttl", "#entity": "entity" },
            ExpressionAttributeValues: {
              ":by": by,
              ":ttl": expiresAt,
              ":entity": "sendCounter",
              ...(limit === undefined ? {} : { ":limit": limit }),
            },
          }),
        );
      const taken: string[] = [];
      for (const { key, limit } of counters) {
        try {
          await count(key, 1, limit);
          taken.push(key);
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          for (const earlier of taken) await count(earlier, -1);
          return false;
        }
      }
      return true;
    },

    async update(notification: Notification, events: Envelope[] = []): Promise<void> {
      await transactWrite(
        [
          putVersioned(tableName, toRecord(notification)),
          ...events.map((e) => put(tableName, eventItem(e, key(notification.id).pk))),
        ],
        () => new ConflictError("The notification changed meanwhile."),
      );
    },

    ofApplication: (applicationId: string, p: { cursor?: string; limit: number }) =>
      page("gsi1", `ntfs#app#${applicationId}`, p),
    ofRecipient: (userId: string, p: { cursor?: string; limit: number }) =>
      page("gsi2", `ntfs#user#${userId}`, p),
  };
}

export type NotificationStore = ReturnType<typeof notificationStore>;
