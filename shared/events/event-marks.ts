import { getItem, putIfAbsent } from "#shared/aws/dynamo.ts";
import { SEVEN_DAYS } from "./consumer.ts";

/** As long as a consumer remembers an event it applied: SQS retention and DLQ redrives. */
const REMEMBER_SECONDS = SEVEN_DAYS;

/** Which of the service's consumers noted the event: its queue's key in the manifest (`events`, `callbacks`). */
export type Marker = string;

/**
 * Events a consumer applied, noted with one small conditional write (`mark#<eventId>` / `<consumer>`, expiring after a
 * week) as the last step of a handler whose other steps are idempotent but may change nothing even the first time (a
 * task routed without an approver, a callback sent outside this table): the note tells a repeat, which finds it, from
 * a first application (issue 21: one write instead of an idempotency record's two — in progress, then completed).
 * Shared since monitoring and complaints both note events (issue 22); each keeps its marks in its own table.
 */
export function eventMarks(tableName: string) {
  const key = (consumer: Marker, eventId: string) => ({ pk: `mark#${eventId}`, sk: consumer });
  return {
    /** Whether the event was noted (a strongly consistent read). */
    async noted(consumer: Marker, eventId: string): Promise<boolean> {
      return (await getItem(tableName, key(consumer, eventId))) !== undefined;
    },

    /** Note it; false when it was noted already — the event was applied before, and this is a repeat. */
    note: (consumer: Marker, eventId: string, at: Date): Promise<boolean> =>
      putIfAbsent(tableName, {
        ...key(consumer, eventId),
        entity: "eventMark",
        ttl: Math.floor(at.getTime() / 1000) + REMEMBER_SECONDS,
      }),
  };
}

export type EventMarks = ReturnType<typeof eventMarks>;
