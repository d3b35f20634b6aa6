import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#shared/aws/clients.ts";
import {
  getItem,
  getItems,
  isTransactionConflict,
  put,
  putNew,
  putVersioned,
  retrying,
  transactWrite,
  type TransactItem,
} from "#shared/aws/dynamo.ts";
import { fromTable, queryPage, type Page } from "#shared/aws/pagination.ts";
import { fromRecord } from "#shared/aws/records.ts";
import { ConflictError, InternalError } from "#shared/errors.ts";
import { eventItem, type Envelope } from "#shared/events/envelope.ts";
import { SlotFullError, type Appointment } from "../domain/appointments.ts";

/**
 * Appointments in the intake table (docs/access-patterns.md):
 *   appt#<id> / appt                                   the appointment, and its events (evt#…)
 *     gsi1 apptdue#<date> / <slotStart>#<id>           only while booked (sparse): appointments due, by time
 *     gsi2 apptowner#<sub> / <slotStart>#<id>          an applicant's appointments (absent without an owner)
 *   slot#<centerId>#<itemId>#<slotStart> / slot        places booked in a slot (counter)
 *   apptconflict#<centerId> / <slotStart>#<id>         a booking a published holiday schedule put on a day the
 *                                                      center does not serve (calendarConflictsByCenter)
 */
export const appointmentPk = (id: string) => `appt#${id}`;
const appointmentKey = (id: string) => ({ pk: appointmentPk(id), sk: "appt" });
const slotKey = (centerId: string, itemId: string, slotStart: string) => ({
  pk: `slot#${centerId}#${itemId}#${slotStart}`,
  sk: "slot",
});
export const dueIndexPk = (date: string) => `apptdue#${date}`;

function toRecord(a: Appointment) {
  const order = `${a.slotStart}#${a.id}`;
  return {
    ...appointmentKey(a.id),
    entity: "appointment",
    // Sparse: once checked in, cancelled or missed, the appointment leaves the no-show sweep's index.
    ...(a.state === "booked" ? { gsi1pk: dueIndexPk(a.date), gsi1sk: order } : {}),
    ...(a.ownerId ? { gsi2pk: `apptowner#${a.ownerId}`, gsi2sk: order } : {}),
    ...a,
  };
}

const counterNames = { "#booked": "booked", "#capacity": "capacity", "#entity": "entity" };

/**
 * Take a place: the counter never passes the capacity, checked by DynamoDB in the same transaction as the
 * appointment, so concurrent bookings cannot overbook.
 */
function takePlace(tableName: string, a: Appointment, capacity: number): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: slotKey(a.centerId, a.itemId, a.slotStart),
      UpdateExpression:
        "SET #booked = if_not_exists(#booked, :zero) + :one, #capacity = :capacity, #entity = :entity, " +
        "centerId = :centerId, itemId = :itemId, slotStart = :slotStart",
      ConditionExpression: "(attribute_not_exists(#booked) AND :zero < :capacity) OR #booked < :capacity",
      ExpressionAttributeNames: counterNames,
      ExpressionAttributeValues: {
        ":zero": 0,
        ":one": 1,
        ":capacity": capacity,
        ":entity": "slotCounter",
        ":centerId": a.centerId,
        ":itemId": a.itemId,
        ":slotStart": a.slotStart,
      },
    },
  };
}

function releasePlace(
  tableName: string,
  a: Pick<Appointment, "centerId" | "itemId" | "slotStart">,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: slotKey(a.centerId, a.itemId, a.slotStart),
      UpdateExpression: "SET #booked = #booked - :one",
      ConditionExpression: "#booked > :zero",
      ExpressionAttributeNames: { "#booked": "booked" },
      ExpressionAttributeValues: { ":zero": 0, ":one": 1 },
    },
  };
}

/**
 * A transaction that only lost a race (TransactionConflict: another transaction touched the same slot counter or
 * queue entry at that moment) is run again with jittered backoff (`retrying`), so a free place is not refused
 * because fifty people wanted the last ten at once. A refusal by a condition (full slot, stale version) is the answer
 * and is not retried. Still losing after every attempt is a 409 the caller may retry, never a 500.
 */
export async function retryOnTransactionConflict<T>(write: () => Promise<T>, times?: number): Promise<T> {
  try {
    return await retrying(write, isTransactionConflict, times);
  } catch (error) {
    if (!isTransactionConflict(error)) throw error;
    throw new ConflictError("Too many people are changing this at the same moment; try again.", {
      retryable: true,
    });
  }
}

const stale = () => new ConflictError("The appointment changed meanwhile; read it again and retry.");

export function appointmentStore(tableName: string) {
  return {
    async get(id: string): Promise<Appointment | undefined> {
      const record = await getItem(tableName, appointmentKey(id));
      return record && fromRecord<Appointment>(record);
    },

    /** Places booked per slot start (0 for a slot nobody booked yet): one batched read for a day's slots. */
    async bookedCounts(centerId: string, itemId: string, slotStarts: readonly string[]): Promise<number[]> {
      const records = await getItems(
        tableName,
        slotStarts.map((s) => slotKey(centerId, itemId, s)),
      );
      return records.map((r) => (r?.booked as number | undefined) ?? 0);
    },

    /** The appointment, its place in the slot and `appointment.booked`, all or nothing. */
    async book(a: Appointment, capacity: number, event: Envelope): Promise<void> {
      if (capacity <= 0) throw new SlotFullError(a.slotStart, capacity);
      await retryOnTransactionConflict(() =>
        transactWrite(
          [
            takePlace(tableName, a, capacity),
            putNew(tableName, toRecord(a)),
            put(tableName, eventItem(event, appointmentPk(a.id))),
          ],
          (i) =>
            i === 0
              ? new SlotFullError(a.slotStart, capacity)
              : new ConflictError(`Appointment ${a.id} exists.`),
        ),
      );
    },

    /** Release the old slot's place and take one in the new slot, in one transaction with the change and its event. */
    async reschedule(
      previous: Appointment,
      next: Appointment,
      capacity: number,
      event: Envelope,
    ): Promise<void> {
      if (capacity <= 0) throw new SlotFullError(next.slotStart, capacity);
      await retryOnTransactionConflict(() =>
        transactWrite(
          [
            releasePlace(tableName, previous),
            takePlace(tableName, next, capacity),
            putVersioned(tableName, toRecord(next)),
            put(tableName, eventItem(event, appointmentPk(next.id))),
          ],
          (i) =>
            i === 0
              ? new InternalError(`The slot counter of appointment ${next.id} is already at zero.`)
              : i === 1
                ? new SlotFullError(next.slotStart, capacity)
                : stale(),
        ),
      );
    },

    async cancel(next: Appointment, event: Envelope): Promise<void> {
      await retryOnTransactionConflict(() =>
        transactWrite(
          [
            releasePlace(tableName, next),
            putVersioned(tableName, toRecord(next)),
            put(tableName, eventItem(event, appointmentPk(next.id))),
          ],
          (i) =>
            i === 0
              ? new InternalError(`The slot counter of appointment ${next.id} is already at zero.`)
              : stale(),
        ),
      );
    },

    /** The check-in's part of the ticket's transaction (the ticket store writes them together). */
    checkInWrites(next: Appointment, event: Envelope): TransactItem[] {
      return [
        putVersioned(tableName, toRecord(next)),
        put(tableName, eventItem(event, appointmentPk(next.id))),
      ];
    },

    /**
     * Mark a missed appointment; false when it changed meanwhile (checked in, cancelled, rescheduled, or already
     * marked by an earlier run): the version condition makes a rerun harmless.
     */
    async markNoShow(next: Appointment, event: Envelope): Promise<boolean> {
      try {
        await transactWrite(
          [putVersioned(tableName, toRecord(next)), put(tableName, eventItem(event, appointmentPk(next.id)))],
          stale,
        );
        return true;
      } catch (error) {
        if (error instanceof ConflictError || isTransactionConflict(error)) return false;
        throw error;
      }
    },

    /**
     * Booked appointments of one date whose slot started at or before `startedBy` (Beijing time, as keyed), of one
     * center when given (a filter: the day's bookings across centers are read, a few thousand at most). Reads the
     * sparse index only, so the cost follows the appointments still due, not all appointments.
     */
    async due(date: string, startedBy: string, centerId?: string): Promise<Appointment[]> {
      const found: Appointment[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamo().send(
          new QueryCommand({
            TableName: tableName,
            IndexName: "gsi1",
            KeyConditionExpression: "gsi1pk = :pk AND gsi1sk <= :upper",
            ...(centerId ? { FilterExpression: "centerId = :center" } : {}),
            ExpressionAttributeValues: {
              ":pk": dueIndexPk(date),
              ":upper": `${startedBy}#~`,
              ...(centerId ? { ":center": centerId } : {}),
            },
            ExclusiveStartKey: start,
          }),
        );
        found.push(...(await fromTable(tableName, "gsi1", page.Items ?? [])).map(fromRecord<Appointment>));
        start = page.LastEvaluatedKey;
      } while (start);
      return found;
    },

    /**
     * Record that a published schedule put a booked appointment on a day its center does not serve, with its event and
     * the center's list entry, all or nothing; false when the appointment changed meanwhile (it is looked at again on
     * the next redelivery) — a repeated event finds the conflict already recorded and writes nothing.
     */
    async flagCalendarConflict(next: Appointment, event: Envelope): Promise<boolean> {
      try {
        await transactWrite(
          [
            putVersioned(tableName, toRecord(next)),
            put(tableName, {
              pk: `apptconflict#${next.centerId}`,
              sk: `${next.slotStart}#${next.id}`,
              entity: "calendarConflict",
              appointmentId: next.id,
              ...next.calendarConflict,
            }),
            put(tableName, eventItem(event, appointmentPk(next.id))),
          ],
          () => stale(),
        );
        return true;
      } catch (error) {
        if (error instanceof ConflictError) return false;
        throw error;
      }
    },

    /** The bookings a published schedule put on days the center does not serve, by slot time, with their state now. */
    async calendarConflicts(
      centerId: string,
      page: { cursor?: string; limit: number },
    ): Promise<Page<Appointment>> {
      const listed = await queryPage<{ appointmentId: string }>(
        {
          TableName: tableName,
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": `apptconflict#${centerId}` },
        },
        page,
        ["pk", "sk"],
        fromRecord,
      );
      const records = await getItems(
        tableName,
        listed.items.map((c) => appointmentKey(c.appointmentId)),
      );
      return { ...listed, items: records.flatMap((r) => (r ? [fromRecord<Appointment>(r)] : [])) };
    },

    /** An applicant's appointments by slot time (appointmentsByOwner). */
    byOwner(ownerId: string, page: { cursor?: string; limit: number }): Promise<Page<Appointment>> {
      return queryPage<Appointment>(
        {
          TableName: tableName,
          IndexName: "gsi2",
          KeyConditionExpression: "gsi2pk = :pk",
          ExpressionAttributeValues: { ":pk": `apptowner#${ownerId}` },
        },
        page,
        ["pk", "sk", "gsi2pk", "gsi2sk"],
        fromRecord,
        { readItems: true },
      );
    },
  };
}

export type AppointmentStore = ReturnType<typeof appointmentStore>;
