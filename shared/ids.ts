import { monotonicFactory } from "ulid";
import type { Clock } from "./clock.ts";

/**
 * Prefixed ULIDs (`app_01J…`): sortable by creation time, unguessable enough for URLs, and self-describing in logs.
 * The prefix names the entity; keep it 2–5 lowercase letters.
 */
export interface Ids {
  next(prefix: string): string;
}

const PREFIX = /^[a-z]{2,5}$/;
export const ID_PATTERN = /^[a-z]{2,5}_[0-9A-HJKMNP-TV-Z]{26}$/;

export function ulidIds(clock: Clock): Ids {
  const ulid = monotonicFactory();
  return {
    next(prefix) {
      if (!PREFIX.test(prefix)) throw new Error(`Invalid id prefix: ${prefix}`);
      return `${prefix}_${ulid(clock.now().getTime())}`;
    },
  };
}

export function isId(value: string, prefix?: string): boolean {
  return ID_PATTERN.test(value) && (prefix === undefined || value.startsWith(`${prefix}_`));
}
