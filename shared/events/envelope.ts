import * as z from "zod";
import type { Clock } from "../clock.ts";
import type { Ids } from "../ids.ts";
import { ID_PATTERN } from "../ids.ts";
import type { EventData, EventDefinition } from "./define-event.ts";

/** Who caused an event: a user (`sub` and role from the token) or the system (`system:<function>`). */
export const actorSchema = z.object({ id: z.string().min(1), role: z.string().min(1) });
export type Actor = z.infer<typeof actorSchema>;

/** DESIGN.md, "Data and events": the envelope every event travels in, validated on both sides. */
export const envelopeSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  type: z.string().min(3),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  source: z.string().min(1),
  subject: z.string().min(1),
  correlationId: z.string().min(1),
  actor: actorSchema,
  data: z.record(z.string(), z.unknown()),
});
export type Envelope = z.infer<typeof envelopeSchema>;
export type TypedEnvelope<E extends EventDefinition> = Omit<Envelope, "type" | "data"> & {
  type: E["type"];
  data: EventData<E>;
};

export interface EventContext {
  source: string;
  subject: string;
  actor: Actor;
  correlationId: string;
}

/** Build a validated envelope. Invalid data is a programming error, so it throws (→ 500), never a 4xx. */
export function newEvent<E extends EventDefinition>(
  definition: E,
  data: EventData<E>,
  context: EventContext,
  { clock, ids }: { clock: Clock; ids: Ids },
): TypedEnvelope<E> {
  const parsed = definition.schema.parse(data) as EventData<E>;
  return {
    id: ids.next("evt"),
    type: definition.type,
    version: definition.version,
    occurredAt: clock.now().toISOString(),
    source: context.source,
    subject: context.subject,
    correlationId: context.correlationId,
    actor: context.actor,
    data: parsed,
  };
}

/**
 * The event item: the outbox and the audit record. It sits in the subject's partition (history is one query), is
 * written in the same transaction as the state change, and is never updated or deleted.
 */
export const EVENT_ENTITY = "event";
/**
 * An event item carried into another table by a data migration (issue 22, scripts/migrate-supervision-split.ts): the
 * same record in the subject's history, never published again (the stream filter below takes `event` only).
 */
export const COPIED_EVENT_ENTITY = "copiedEvent";
/** Whether a stored item is one of its partition's events, written here or carried over. */
export const isEventItem = (item: { entity?: unknown }) =>
  item.entity === EVENT_ENTITY || item.entity === COPIED_EVENT_ENTITY;
export const eventSortKey = (eventId: string) => `evt#${eventId}`;

export function eventItem(envelope: Envelope | TypedEnvelope<EventDefinition>, pk: string) {
  return { pk, sk: eventSortKey(envelope.id), entity: EVENT_ENTITY, ...envelope };
}

/**
 * Stream filter: only inserted event items reach the publisher. Written once in the Lambda event-filter syntax; CDK
 * passes it to the event source mapping and the local runtime evaluates the same pattern.
 */
export const eventStreamFilter = {
  eventName: ["INSERT"],
  dynamodb: { NewImage: { entity: { S: [EVENT_ENTITY] } } },
} as const;
