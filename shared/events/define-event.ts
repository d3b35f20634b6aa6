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
