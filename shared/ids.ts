import { createHash } from "node:crypto";
import { monotonicFactory } from "ulid";
import type { Clock } from "./clock.ts";

export { ID_PATTERN, isId } from "./id-format.ts";

/**
 * Prefixed ULIDs (`app_01J…`): sortable by creation time, unguessable enough for URLs, and self-describing in logs.
 * The prefix names the entity; keep it 2–5 lowercase letters.
 */
export interface Ids {
  next(prefix: string): string;
}

const PREFIX = /^[a-z]{2,5}$/;

export function ulidIds(clock: Clock): Ids {
  const ulid = monotonicFactory();
  return {
    next(prefix) {
      if (!PREFIX.test(prefix)) throw new Error(`Invalid id prefix: ${prefix}`);
      return `${prefix}_${ulid(clock.now().getTime())}`;
    },
  };
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * Ids derived from a request's Idempotency-Key (scoped to its caller and route): the same request sent again makes
 * the same ids, so a retry after any failure — even one that came after the write committed and before the answer
 * reached the caller — runs into what the first attempt created instead of creating it twice (issue 15). The nth id of
 * a prefix in the request is the nth again. Not time-ordered: such an entity is ordered by its own timestamps.
 */
export function keyedIds(seed: string): Ids {
  const counts = new Map<string, number>();
  return {
    next(prefix) {
      if (!PREFIX.test(prefix)) throw new Error(`Invalid id prefix: ${prefix}`);
      const n = (counts.get(prefix) ?? 0) + 1;
      counts.set(prefix, n);
      const digest = createHash("sha256").update(`${seed}\u0000${prefix}\u0000${n}`).digest();
      let id = "";
      for (let i = 0; i < 26; i++) id += CROCKFORD[digest[i]! & 31];
      return `${prefix}_${id}`;
    },
  };
}
