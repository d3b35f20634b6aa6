import { createHash } from "node:crypto";
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

/** Slots of a send counter that remember which notification took them (takeSendSlot). */
const SLOTS = 16;

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

  /**
   * The event that puts a notification on the sending queue, written once (its id is derived from the notification's
   * source, so a second writer meets the first one's item): false when it was there already.
   */
  async function sendEvent(notificationId: string, event: Envelope): Promise<boolean> {
    try {
      await transactWrite(
        [putNew(tableName, eventItem(event, key(notificationId).pk))],
        () => new ConflictError("already queued"),
      );
      return true;
    } catch (error) {
      if (error instanceof ConflictError) return false;
      throw error;
    }
  }

  return {
    async get(id: string): Promise<Notification | undefined> {
      const record = await getItem(tableName, key(id));
      return record && fromRecord<Notification>(record);
    },

    /**
     * A new notification, and then — for one to send — its `notification.created` event item: two plain conditional
     * Puts, not a transaction (issue 21: a transaction bills both items twice; 2 write units instead of 4). The
     * notification goes first, so an event never names a notification that is not there; a crash between the two
     * leaves a notification `created` without its event, and the redelivered source event writes the event then
     * (`sendEvent`, the same id: at most once). "existed" when the notification was there already — the same source,
     * channel and recipient gave it the same id.
     */
    async create(notification: Notification, event?: Envelope): Promise<"created" | "existed"> {
      try {
        await transactWrite(
          [putNew(tableName, toRecord(notification))],
          () => new ConflictError("already notified"),
        );
      } catch (error) {
        if (error instanceof ConflictError) return "existed";
        throw error;
      }
      if (event) await sendEvent(notification.id, event);
      return "created";
    },

    sendEvent,

    /**
     * Take one send from each counter — the recipient's (`rate#<channel>#<to>`) and the applicant account's
     * (`rate#account#<sub>`) for this hour — all or none; false when any is at its limit. Counters expire with `ttl`.
     *
     * Taking is idempotent per `token` (the notification's id): the counter item keeps, besides its count, the token
     * that last took each of SLOTS slots (slot = a hash of the token), and a take whose token already holds its slot
     * counts nothing — so the sender needs no idempotency record of its own (issue 21), and a redelivery, or two
     * deliveries at once, of one notification take one send. The item stays one write unit however high the limits
     * (the bench raises them) — SLOTS tokens of about 30 bytes. Two tokens sharing a slot within an hour only forget the
     * older one: a retry of that one counts again, which can stop a later message early, never send one more.
     */
    async takeSendSlot(
      counters: { key: string; limit: number }[],
      hour: string,
      expiresAt: number,
      token: string,
    ): Promise<boolean> {
      // One conditional update per counter rather than one transaction: a transaction bills every item twice, and
      // "all or none" only matters when a later counter refuses — then the slots taken before it are given back.
      const slot = `s${createHash("sha256").update(token).digest()[0]! % SLOTS}`;
      const counterKey = (key: string) => ({ pk: `rate#${key}`, sk: hour });
      const take = (key: string, limit: number) =>
        dynamo().send(
          new UpdateCommand({
            TableName: tableName,
            Key: counterKey(key),
            UpdateExpression: "ADD #n :one SET #slot = :token, #ttl = :ttl, #entity = :entity",
            ConditionExpression:
              "(attribute_not_exists(#n) OR #n < :limit) AND (attribute_not_exists(#slot) OR #slot <> :token)",
            ExpressionAttributeNames: { "#n": "sent", "#slot": slot, "#ttl": "ttl", "#entity": "entity" },
            ExpressionAttributeValues: {
              ":one": 1,
              ":token": token,
              ":limit": limit,
              ":ttl": expiresAt,
              ":entity": "sendCounter",
            },
          }),
        );
      // A send this call took, given back: its slot freed, or — if another token has taken that slot since — its count.
      const giveBack = async (key: string) => {
        try {
          await dynamo().send(
            new UpdateCommand({
              TableName: tableName,
              Key: counterKey(key),
              UpdateExpression: "ADD #n :minus REMOVE #slot",
              ConditionExpression: "#slot = :token",
              ExpressionAttributeNames: { "#n": "sent", "#slot": slot },
              ExpressionAttributeValues: { ":minus": -1, ":token": token },
            }),
          );
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          await dynamo().send(
            new UpdateCommand({
              TableName: tableName,
              Key: counterKey(key),
              UpdateExpression: "ADD #n :minus",
              ExpressionAttributeNames: { "#n": "sent" },
              ExpressionAttributeValues: { ":minus": -1 },
            }),
          );
        }
      };
      const taken: string[] = [];
      for (const { key, limit } of counters) {
        try {
          await take(key, limit);
          taken.push(key);
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          // Refused: this token took its send before (a redelivery), or the counter is at its limit. What an earlier
          // delivery took stays taken even if a later counter refuses now (it may be sending at this moment): at worst
          // the hour counts one send too many, never one too few.
          const counter = await getItem(tableName, counterKey(key));
          if (counter?.[slot] === token) continue;
          for (const earlier of taken) await giveBack(earlier);
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
