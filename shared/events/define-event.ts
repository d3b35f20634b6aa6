import type * as z from "zod";

/**
 * An event is a versioned, past-tense fact with a schema (`application.accepted` v1). Producers and consumers import
 * the same definition, so the data shape cannot drift between them.
 */
export interface EventDefinition<T extends string = string, D extends z.ZodType = z.ZodType> {
  readonly type: T;
  readonly version: number;
  readonly schema: D;
  readonly description: string;
}

export type EventData<E extends EventDefinition> = z.output<E["schema"]>;

const TYPE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z][a-z0-9]*(-[a-z0-9]+)*)+$/;

export function defineEvent<T extends string, D extends z.ZodType>(
  type: T,
  version: number,
  schema: D,
  description: string,
): EventDefinition<T, D> {
  if (!TYPE.test(type)) throw new Error(`Event type must be dotted kebab-case: ${type}`);
  if (!Number.isInteger(version) || version < 1)
    throw new Error(`Event version must be a positive integer: ${type}`);
  return { type, version, schema, description };
}

/**
 * What of an event's data a queue's subscription asks for, as SNS filter policies do: a field present (`true`) or
 * absent (`false`), or equal to one of some values. The publisher applies it before sending, so a queue gets only the
 * events its consumer acts on — no message, no invocation, and no note kept of an event it would have ignored.
 */
export type DataFilter = Readonly<Record<string, boolean | readonly (string | boolean)[]>>;

/** An event as a queue consumes it: its definition, and the filter of its subscription, if any. */
export type Consumed<E extends EventDefinition = EventDefinition> = E & { readonly filter?: DataFilter };

/** `consumes: [when(reviewAssigned, { assigneeId: true })]`: the event, only when its data matches every field. */
export function when<E extends EventDefinition>(
  event: E,
  filter: { readonly [K in keyof EventData<E> & string]?: boolean | readonly (string | boolean)[] },
): Consumed<E> {
  return { ...event, filter: filter as DataFilter };
}

/** Whether an event's data matches a subscription's filter (no filter: every event). */
export function wanted(filter: DataFilter | undefined, data: unknown): boolean {
  if (!filter) return true;
  const fields = (data ?? {}) as Record<string, unknown>;
  return Object.entries(filter).every(([name, test]) => {
    const value = fields[name];
    if (typeof test === "boolean") return (value !== undefined && value !== null) === test;
    return test.some((allowed) => allowed === value);
  });
}

/** How a subscription's filter is keyed in the publisher's configuration: `<event type> <queue id>`. */
export const subscriptionKey = (eventType: string, queueId: string) => `${eventType} ${queueId}`;
