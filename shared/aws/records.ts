/**
 * Key and bookkeeping attributes single-table items carry and the domain objects do not (`searchText`: the catalog's
 * copy for filtering, never part of an answer; issue 16).
 */
const KEY_ATTRIBUTES = /^(pk|sk|entity|gsi\d+pk|gsi\d+sk|ttl|projectionOrder|searchText)$/;

/** The domain object stored in an item: everything but its keys. */
export function fromRecord<T>(record: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !KEY_ATTRIBUTES.test(k))) as T;
}
