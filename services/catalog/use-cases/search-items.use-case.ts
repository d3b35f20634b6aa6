import { NotFoundError, ValidationError } from "#shared/errors.ts";
import type { ItemSummary } from "../adapters/item-store.ts";
import type { CatalogPorts } from "../adapters/ports.ts";
import type { Item } from "../domain/item.ts";
import { queryBigrams } from "../domain/search.ts";

export interface ItemQuery {
  q?: string;
  departmentId?: string;
  level?: string;
  centerId?: string;
  cursor?: string;
  limit: number;
}

const summary = (item: Item): ItemSummary => ({
  id: item.id,
  code: item.code,
  name: item.name,
  departmentId: item.departmentId,
  level: item.level,
});

/**
 * The public item list (art. 20): keyword search over names and codes, and filters by department, level and center.
 * Every filter narrows the same list of item summaries (issue 16: one shape per list); a center's statuses are
 * `GET /v1/centers/{centerId}/items`.
 * - with a center: the items that have a status there, filtered by text and the others;
 * - with a keyword: the search index;
 * - otherwise: all items, or a department's, by code.
 * Filters after a limit may leave a page short; the cursor continues.
 */
export async function searchItems(query: ItemQuery, { items }: Pick<CatalogPorts, "items">) {
  const { normalized, grams } = query.q ? queryBigrams(query.q) : { normalized: "", grams: [] };
  if (query.q !== undefined && grams.length === 0) {
    throw new ValidationError([
      { path: ["query", "q"], message: "at least two letters, digits or characters" },
    ]);
  }
  const filter = { departmentId: query.departmentId, level: query.level };
  if (query.centerId) {
    const page = await items.inCenter(query.centerId, { ...filter, text: normalized || undefined }, query);
    return { ...page, items: page.items.map((row) => row.item) };
  }
  if (grams.length) {
    const cursor = query.cursor ? decodeSearchCursor(query.cursor) : undefined;
    const page = await items.search(grams, normalized, filter, {
      limit: query.limit,
      cursor: cursor?.cursor,
      term: cursor?.term,
    });
    return {
      items: page.items,
      ...(page.nextCursor ? { nextCursor: encodeSearchCursor(page.term!, page.nextCursor) } : {}),
    };
  }
  const page = await items.list(filter, query);
  return { ...page, items: page.items.map(summary) };
}

/** A center's item statuses (art. 18, 26, 28): resident or excluded, with each item's summary; 404 for no center. */
export async function listCenterItems(
  centerId: string,
  query: Omit<ItemQuery, "centerId"> & { status?: "resident" | "excluded" },
  { items, centers }: Pick<CatalogPorts, "items" | "centers">,
) {
  const { normalized, grams } = query.q ? queryBigrams(query.q) : { normalized: "", grams: [] };
  if (query.q !== undefined && grams.length === 0)
    throw new ValidationError([
      { path: ["query", "q"], message: "at least two letters, digits or characters" },
    ]);
  if (!(await centers.get(centerId))) throw new NotFoundError(`Center ${centerId} does not exist.`);
  return items.inCenter(
    centerId,
    {
      departmentId: query.departmentId,
      level: query.level,
      status: query.status,
      text: normalized || undefined,
    },
    query,
  );
}

/** A search cursor also remembers which term's postings it pages through. */
function encodeSearchCursor(term: string, cursor: string): string {
  return Buffer.from(JSON.stringify({ term, cursor })).toString("base64url");
}

function decodeSearchCursor(value: string): { term: string; cursor: string } {
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as {
      term?: unknown;
      cursor?: unknown;
    };
    if (typeof parsed.term === "string" && typeof parsed.cursor === "string")
      return { term: parsed.term, cursor: parsed.cursor };
  } catch {
    // fall through
  }
  throw new ValidationError([{ path: ["query", "cursor"], message: "Not a cursor this list returned." }]);
}
