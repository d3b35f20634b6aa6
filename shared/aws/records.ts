/** Key and bookkeeping attributes every single-table item has, which the domain objects do not. */
const KEY_ATTRIBUTES = /^(pk|sk|entity|gsi\d+pk|gsi\d+sk|ttl|projectionOrder)$/;

/** The domain object stored in an item: everything but its keys. */
export function fromRecord<T>(record: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !KEY_ATTRIBUTES.test(k))) as T;
}
