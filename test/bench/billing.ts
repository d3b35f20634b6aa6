import type { AttributeValue } from "@aws-sdk/client-dynamodb";

/**
 * What DynamoDB bills for one item written, from the item as it was and as it is (issue 21: DynamoDB Local's own
 * figures are plain units, and erratic for transactions, so the meter computes the bill from the images instead):
 *
 * - the table: ⌈max(old size, new size) / 1 KB⌉ write units (a delete: the old size; at least 1), doubled when the
 *   write is part of a transaction;
 * - each global secondary index, by what happens to the item's entry there (an item is in an index only when it has
 *   the index's key attributes — sparse indexes):
 *   new (only the new image is in it) ⌈new entry / 1 KB⌉; removed (only the old) ⌈old entry / 1 KB⌉; moved (its key
 *   changed) both; rewritten (same key, a projected attribute changed) ⌈new entry / 1 KB⌉; untouched: 0. An entry is
 *   the projected attributes: the whole item for `ALL`, the table's and the index's keys for `KEYS_ONLY`.
 *   Index writes are not doubled by a transaction.
 *
 * Sizes as DynamoDB counts them (Developer Guide, "Item sizes and formats"): each attribute's name in UTF-8 bytes plus
 * its value — a string its UTF-8 bytes, a number about one byte per two significant digits plus one, binary its bytes,
 * a boolean or null one byte, a list or map 3 bytes plus one per element plus its elements (a map's with their names),
 * a set the sum of its members.
 */
export type Image = Record<string, AttributeValue>;

export interface IndexShape {
  name: string;
  /** The index's partition and (optional) sort key attribute names. */
  keys: readonly string[];
  projection: "ALL" | "KEYS_ONLY" | "INCLUDE";
  /** For INCLUDE: the non-key attributes projected. */
  include?: readonly string[];
}

export interface TableShape {
  /** The table's own key attribute names (partition, sort). */
  keys: readonly string[];
  indexes: readonly IndexShape[];
}

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

function numberSize(n: string): number {
  const digits = n
    .replace(/^-/, "")
    .replace(/e.*$/i, "")
    .replace(".", "")
    .replace(/^0+/, "")
    .replace(/0+$/, "");
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** The size of one attribute value, in bytes. */
export function valueSize(v: AttributeValue): number {
  if (v.S !== undefined) return utf8(v.S);
  if (v.N !== undefined) return numberSize(v.N);
  if (v.B !== undefined) return v.B.byteLength;
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS) return v.SS.reduce((n, s) => n + utf8(s), 0);
  if (v.NS) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if (v.BS) return v.BS.reduce((n, b) => n + b.byteLength, 0);
  if (v.L) return 3 + v.L.reduce((n, e) => n + 1 + valueSize(e), 0);
  if (v.M) return 3 + Object.entries(v.M).reduce((n, [k, e]) => n + 1 + utf8(k) + valueSize(e), 0);
  return 0;
}

/** An item's size: every attribute's name and value. */
export const itemSize = (item: Image) =>
  Object.entries(item).reduce((n, [name, v]) => n + utf8(name) + valueSize(v), 0);

const kb = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

const inIndex = (item: Image | undefined, index: IndexShape) =>
  !!item && index.keys.every((k) => item[k] !== undefined);

function entry(item: Image, table: TableShape, index: IndexShape): Image {
  if (index.projection === "ALL") return item;
  const names = new Set([...table.keys, ...index.keys, ...(index.include ?? [])]);
  return Object.fromEntries(Object.entries(item).filter(([k]) => names.has(k)));
}

const same = (a: Image, b: Image) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const sorted = (i: Image) => Object.fromEntries(Object.entries(i).sort(([a], [b]) => a.localeCompare(b)));

export type IndexEffect = "new" | "removed" | "moved" | "rewritten" | "untouched";

export interface WriteBill {
  table: number;
  indexes: Record<string, { effect: IndexEffect; units: number }>;
  total: number;
}

/** The write units of one item's write (`old` absent: created; `next` absent: deleted). */
export function billWrite(
  table: TableShape,
  old: Image | undefined,
  next: Image | undefined,
  transactional: boolean,
): WriteBill {
  const tableUnits =
    kb(Math.max(old ? itemSize(old) : 0, next ? itemSize(next) : 0)) * (transactional ? 2 : 1);
  const indexes: WriteBill["indexes"] = {};
  for (const index of table.indexes) {
    const was = inIndex(old, index);
    const is = inIndex(next, index);
    let effect: IndexEffect = "untouched";
    let units = 0;
    if (is && !was) {
      effect = "new";
      units = kb(itemSize(entry(next!, table, index)));
    } else if (was && !is) {
      effect = "removed";
      units = kb(itemSize(entry(old!, table, index)));
    } else if (was && is) {
      const before = entry(old!, table, index);
      const after = entry(next!, table, index);
      if (index.keys.some((k) => JSON.stringify(old![k]) !== JSON.stringify(next![k]))) {
        effect = "moved";
        units = kb(itemSize(before)) + kb(itemSize(after));
      } else if (!same(before, after)) {
        effect = "rewritten";
        units = kb(itemSize(after));
      }
    }
    if (effect !== "untouched") indexes[index.name] = { effect, units };
  }
  const total = tableUnits + Object.values(indexes).reduce((n, i) => n + i.units, 0);
  return { table: tableUnits, indexes, total };
}

/** One item a write touches: its table, its key (marshalled), and how it is written. */
export interface WriteTarget {
  table: string;
  key: Image;
  op: "put" | "update" | "delete" | "check";
  transactional: boolean;
}

const MARSHALLED = new Set(["S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS"]);
const isMarshalled = (v: unknown) =>
  typeof v === "object" && v !== null && Object.keys(v).length === 1 && MARSHALLED.has(Object.keys(v)[0]!);

/** A key or item in either form (the document client's native values, or the plain client's attribute values). */
export function asImage(value: Record<string, unknown>): Image {
  return Object.fromEntries(
    Object.entries(value).flatMap(([k, v]): [string, AttributeValue][] => {
      if (v === undefined) return [];
      if (isMarshalled(v)) return [[k, v as AttributeValue]];
      if (typeof v === "string") return [[k, { S: v }]];
      if (typeof v === "number" || typeof v === "bigint") return [[k, { N: String(v) }]];
      if (typeof v === "boolean") return [[k, { BOOL: v }]];
      return [[k, { S: JSON.stringify(v) }]];
    }),
  );
}

type Body = { TableName?: string; Item?: Record<string, unknown>; Key?: Record<string, unknown> };

/** The items a write command touches (Put, Update, Delete, TransactWrite, BatchWrite), keyed by the table's keys. */
export function writeTargets(
  command: string,
  input: Record<string, unknown>,
  keysOf: (table: string) => readonly string[],
): WriteTarget[] {
  const keyOf = (table: string, body: Body) => {
    if (body.Key) return asImage(body.Key);
    const item = body.Item ?? {};
    return asImage(Object.fromEntries(keysOf(table).map((k) => [k, item[k]])));
  };
  const one = (op: WriteTarget["op"], body: Body, transactional: boolean): WriteTarget => ({
    table: body.TableName!,
    key: keyOf(body.TableName!, body),
    op,
    transactional,
  });
  const name = command.replace(/(Item|Items)?Command$/, "");
  if (name === "Put") return [one("put", input as Body, false)];
  if (name === "Update") return [one("update", input as Body, false)];
  if (name === "Delete") return [one("delete", input as Body, false)];
  if (name === "TransactWrite")
    return ((input.TransactItems ?? []) as Record<string, Body>[]).map((t) => {
      const [op, body] = Object.entries(t)[0]!;
      const kind = op === "Put" ? "put" : op === "Update" ? "update" : op === "Delete" ? "delete" : "check";
      return one(kind, body, true);
    });
  if (name === "BatchWrite")
    return Object.entries((input.RequestItems ?? {}) as Record<string, Record<string, Body>[]>).flatMap(
      ([table, requests]) =>
        requests.map((r) =>
          r.PutRequest
            ? one("put", { TableName: table, Item: r.PutRequest.Item }, false)
            : one("delete", { TableName: table, Key: r.DeleteRequest!.Key }, false),
        ),
    );
  return [];
}
