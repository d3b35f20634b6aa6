import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import { getItem, put, putNew, putVersioned, transactWrite, type TransactItem } from "#shared/aws/dynamo.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { ConflictError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import { queueRank, type Ticket } from "../domain/tickets.ts";
import { retryOnTransactionConflict } from "./appointment-store.ts";

/**
 * Queue tickets in the intake table (docs/access-patterns.md):
 *   ticket#<id> / ticket                          the ticket, and its events (evt#…)
 *   queue#<centerId>#<date> / <entry>             one entry per waiting ticket, holding the ticket as it waits:
 *     0#<windowId>#<rank>                         transferred to that window: it calls these first
 *     1#<rank>                                    everyone else; <rank> = <priority>#<issuedAt UTC>#<ticketId>
 *   ticketno#<centerId>#<date> / <prefix>         the day's last ticket number per prefix (counter)
 *   board#<centerId>#<date> / board               the lobby screen's waiting counts, `w_<service>` (counters)
 *   calls#<centerId>#<date> / <calledAt>#<id>     each call as the lobby screen shows it: number and window code
 * Calling a ticket deletes its entry in the same transaction as the ticket's change, on condition that the entry
 * still exists: of two windows calling at once, exactly one gets it.
 */
export const ticketPk = (id: string) => `ticket#${id}`;
const ticketKey = (id: string) => ({ pk: ticketPk(id), sk: "ticket" });
const queuePk = (centerId: string, date: string) => `queue#${centerId}#${date}`;
const TARGETED = "0#";
const GENERAL = "1#";

/** Where a waiting ticket sits in its center's queue of the day. */
function queueKey(t: Ticket, date: string) {
  const sk = t.targetWindowId
    ? `${TARGETED}${t.targetWindowId}#${queueRank(t)}`
    : `${GENERAL}${queueRank(t)}`;
  return { pk: queuePk(t.centerId, date), sk };
}

const toRecord = (t: Ticket) => ({ ...ticketKey(t.id), entity: "ticket", ...t });
const toQueueEntry = (t: Ticket, date: string) => ({
  ...queueKey(t, date),
  entity: "queueEntry",
  queuedOn: date,
  ticket: t,
});

const stale = () => new ConflictError("The ticket changed meanwhile; read it again and retry.");

/** The lobby screen's records live two days: today's board, and yesterday's for a screen still open at midnight. */
const BOARD_TTL_SECONDS = 2 * 86_400;
const boardKey = (centerId: string, date: string) => ({ pk: `board#${centerId}#${date}`, sk: "board" });
const callsPk = (centerId: string, date: string) => `calls#${centerId}#${date}`;
const ttlFrom = (at: string) => Math.floor(Date.parse(at) / 1000) + BOARD_TTL_SECONDS;

/**
 * One more (or one fewer) ticket waiting for its service, in the same transaction as the queue entry it counts: the
 * lobby screen reads one small item instead of the day's whole queue (polled every second by every screen).
 */
const countWaiting = (tableName: string, t: Ticket, date: string, delta: 1 | -1): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: boardKey(t.centerId, date),
    UpdateExpression: "ADD #count :delta SET #entity = :entity, #ttl = :ttl",
    ExpressionAttributeNames: { "#count": `w_${t.service}`, "#entity": "entity", "#ttl": "ttl" },
    ExpressionAttributeValues: { ":delta": delta, ":entity": "lobbyBoard", ":ttl": ttlFrom(t.updatedAt) },
  },
});

/** What the lobby screen shows of a call: the number and the window, never who holds the ticket. */
export interface LobbyCall {
  number: string;
  windowCode: string;
  service: Ticket["service"];
  calledAt: string;
}

export function ticketStore(tableName: string) {
  /** One page of a queue partition, in queue order (strongly consistent: a ticket just issued is seen). */
  async function queuePage(pk: string, prefix: string, start: Record<string, unknown> | undefined) {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": pk, ":prefix": prefix },
        ConsistentRead: true,
        Limit: 100,
        ExclusiveStartKey: start,
      }),
    );
    return {
      entries: (page.Items ?? []).map((r) => ({
        ticket: r.ticket as Ticket,
        queuedOn: r.queuedOn as string,
      })),
      next: page.LastEvaluatedKey,
    };
  }

  return {
    async get(id: string): Promise<Ticket | undefined> {
      const record = await getItem(tableName, ticketKey(id));
      return record && fromRecord<Ticket>(record);
    },

    /**
     * The next number for a prefix in a center on a day, from an atomic counter. Taken before the ticket's
     * transaction (a transaction cannot return values), so a failed issue leaves a gap in the numbers, never a
     * duplicate.
     */
    async nextNumber(centerId: string, date: string, prefix: string): Promise<number> {
      const { Attributes } = await dynamo().send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `ticketno#${centerId}#${date}`, sk: prefix },
          UpdateExpression: "ADD #last :one SET #entity = :entity",
          ExpressionAttributeNames: { "#last": "last", "#entity": "entity" },
          ExpressionAttributeValues: { ":one": 1, ":entity": "ticketCounter" },
          ReturnValues: "UPDATED_NEW",
        }),
      );
      return Attributes!.last as number;
    },

    /** A new ticket, its queue entry and `ticket.issued` (with an appointment's check-in, when given). */
    async issue(ticket: Ticket, event: Envelope, alongside: TransactItem[] = []): Promise<void> {
      await retryOnTransactionConflict(() =>
        transactWrite(
          [
            putNew(tableName, toRecord(ticket)),
            putNew(tableName, toQueueEntry(ticket, ticket.businessDate)),
            put(tableName, eventItem(event, ticketPk(ticket.id))),
            countWaiting(tableName, ticket, ticket.businessDate, 1),
            ...alongside,
          ],
          (i) =>
            i < 4
              ? new ConflictError(`Ticket ${ticket.id} exists.`)
              : new ConflictError(
                  "The appointment changed meanwhile (checked in, cancelled or moved); read it again.",
                ),
        ),
      );
    },

    /**
     * Waiting tickets a window may call, best first: those transferred to it, then the center's queue filtered by
     * `serves` (the domain's matching), at most `max`.
     */
    async candidates(
      centerId: string,
      date: string,
      windowId: string,
      serves: (ticket: Ticket) => boolean,
      max: number,
    ): Promise<{ ticket: Ticket; queuedOn: string }[]> {
      const pk = queuePk(centerId, date);
      const found: { ticket: Ticket; queuedOn: string }[] = [];
      for (const [prefix, filter] of [
        [`${TARGETED}${windowId}#`, () => true],
        [GENERAL, serves],
      ] as const) {
        let start: Record<string, unknown> | undefined;
        do {
          const page = await queuePage(pk, prefix, start);
          found.push(...page.entries.filter((e) => filter(e.ticket)));
          if (found.length >= max) return found.slice(0, max);
          start = page.next;
        } while (start);
      }
      return found;
    },

    /**
     * Call a waiting ticket: remove its queue entry (it must still be there) and save the called ticket with its
     * event. False when another window got it first.
     */
    async claim(
      waiting: { ticket: Ticket; queuedOn: string },
      next: Ticket,
      event: Envelope,
      windowCode: string,
    ): Promise<boolean> {
      const call: LobbyCall = {
        number: next.number,
        windowCode,
        service: next.service,
        calledAt: next.calledAt!,
      };
      try {
        await retryOnTransactionConflict(
          () =>
            transactWrite(
              [
                {
                  Delete: {
                    TableName: tableName,
                    Key: queueKey(waiting.ticket, waiting.queuedOn),
                    ConditionExpression: "attribute_exists(pk)",
                  },
                },
                putVersioned(tableName, toRecord(next)),
                put(tableName, eventItem(event, ticketPk(next.id))),
                countWaiting(tableName, waiting.ticket, waiting.queuedOn, -1),
                put(tableName, {
                  pk: callsPk(next.centerId, waiting.queuedOn),
                  sk: `${call.calledAt}#${next.id}`,
                  entity: "lobbyCall",
                  ...call,
                  ttl: ttlFrom(call.calledAt),
                }),
              ],
              stale,
            ),
          4,
        );
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    },

    /**
     * The lobby screen of a center's day: the latest `limit` calls, newest first, and the tickets waiting per service
     * (eventually consistent: a screen a moment behind is fine, and it costs half).
     */
    async lobby(centerId: string, date: string, limit: number) {
      const [calls, board] = await Promise.all([
        dynamo().send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: "pk = :pk",
            ExpressionAttributeValues: { ":pk": callsPk(centerId, date) },
            ScanIndexForward: false,
            Limit: limit,
          }),
        ),
        getItem(tableName, boardKey(centerId, date), { consistent: false }),
      ]);
      const waiting = Object.fromEntries(
        Object.entries(board ?? {})
          .filter(([k, v]) => k.startsWith("w_") && typeof v === "number" && v > 0)
          .map(([k, v]) => [k.slice(2), v as number]),
      );
      const recent = (calls.Items ?? []).map((r): LobbyCall => ({
        number: r.number as string,
        windowCode: r.windowCode as string,
        service: r.service as LobbyCall["service"],
        calledAt: r.calledAt as string,
      }));
      return { calls: recent, waiting };
    },

    /** Serve, complete, no-show: the ticket and its event. */
    async update(next: Ticket, event: Envelope): Promise<void> {
      await retryOnTransactionConflict(() =>
        transactWrite(
          [putVersioned(tableName, toRecord(next)), put(tableName, eventItem(event, ticketPk(next.id)))],
          stale,
        ),
      );
    },

    /** A transfer: the ticket waits again, in the queue of `date`, for the window it was sent to. */
    async requeue(next: Ticket, date: string, event: Envelope): Promise<void> {
      await retryOnTransactionConflict(() =>
        transactWrite(
          [
            putVersioned(tableName, toRecord(next)),
            putNew(tableName, toQueueEntry(next, date)),
            put(tableName, eventItem(event, ticketPk(next.id))),
            countWaiting(tableName, next, date, 1),
          ],
          stale,
        ),
      );
    },
  };
}

export type TicketStore = ReturnType<typeof ticketStore>;
