import { describe, expect, it } from "vitest";
import { marshall } from "@aws-sdk/util-dynamodb";
import { billWrite, itemSize, valueSize, type TableShape } from "../bench/billing.ts";

const table: TableShape = {
  keys: ["pk", "sk"],
  indexes: [
    { name: "gsi1", keys: ["gsi1pk", "gsi1sk"], projection: "ALL" },
    { name: "gsi2", keys: ["gsi2pk", "gsi2sk"], projection: "KEYS_ONLY" },
  ],
};
const item = (fields: Record<string, unknown>) => marshall(fields, { removeUndefinedValues: true });
/** An item of about `bytes` bytes (a `body` string filling it up). */
const sized = (bytes: number, fields: Record<string, unknown> = {}) => {
  const base = item({ pk: "app#1", sk: "app", ...fields, body: "" });
  return item({ pk: "app#1", sk: "app", ...fields, body: "x".repeat(bytes - itemSize(base)) });
};

describe("DynamoDB item sizes", () => {
  it("counts names and values as DynamoDB does", () => {
    expect(itemSize(item({ pk: "ab", n: 12345 }))).toBe(2 + 2 + 1 + (3 + 1)); // "pk"+"ab", "n" + 5 digits → 4
    expect(valueSize({ S: "政务" })).toBe(6); // UTF-8
    expect(valueSize({ BOOL: true })).toBe(1);
    expect(valueSize({ L: [{ S: "a" }, { S: "bc" }] })).toBe(3 + (1 + 1) + (1 + 2));
    expect(valueSize({ M: { k: { S: "v" } } })).toBe(3 + 1 + 1 + 1);
    expect(sized(1500).body && itemSize(sized(1500))).toBe(1500);
  });
});

describe("what DynamoDB bills for a write", () => {
  it("bills the table on the larger image, rounded up per KB, twice in a transaction", () => {
    const small = sized(300);
    expect(billWrite(table, undefined, small, false)).toEqual({ table: 1, indexes: {}, total: 1 });
    // three small unindexed items in one transaction: 6 (DynamoDB Local reports 2)
    const three = [1, 2, 3].map(() => billWrite(table, undefined, small, true).total);
    expect(three.reduce((a, b) => a + b)).toBe(6);
    // an update that shrinks a 2.5 KB item to 0.5 KB is billed on the old image
    expect(billWrite(table, sized(2500), sized(500), false).table).toBe(3);
    // a delete is billed on what it deleted
    expect(billWrite(table, sized(1100), undefined, true).table).toBe(4);
  });

  it("bills each index by what happens to the item's entry there, never doubled by a transaction", () => {
    const keys = { gsi1pk: "center#1", gsi1sk: "2026-12-04#a" };
    const created = billWrite(table, undefined, sized(1500, keys), true);
    expect(created).toEqual({ table: 4, indexes: { gsi1: { effect: "new", units: 2 } }, total: 6 });

    // same keys, a projected attribute changed: the ALL index rewrites its entry
    const rewritten = billWrite(
      table,
      sized(900, { ...keys, state: "a" }),
      sized(900, { ...keys, state: "b" }),
      false,
    );
    expect(rewritten.indexes).toEqual({ gsi1: { effect: "rewritten", units: 1 } });

    // the index key changed: the old entry goes, the new one comes
    const moved = billWrite(table, sized(900, keys), sized(900, { ...keys, gsi1sk: "2026-12-05#a" }), false);
    expect(moved.indexes).toEqual({ gsi1: { effect: "moved", units: 2 } });

    // leaving a sparse index removes the entry
    const left = billWrite(table, sized(900, keys), sized(900), false);
    expect(left.indexes).toEqual({ gsi1: { effect: "removed", units: 1 } });
  });

  it("leaves a keys-only index alone when its keys stay and writes only the keys when they come", () => {
    const k = { gsi2pk: "due#1", gsi2sk: "clk_1" };
    expect(
      billWrite(table, sized(3000, { ...k, state: "a" }), sized(3000, { ...k, state: "b" }), false).indexes,
    ).toEqual({});
    // the entry holds the table's and the index's keys only: well under a KB whatever the item's size
    expect(billWrite(table, sized(3000), sized(3000, k), false).indexes).toEqual({
      gsi2: { effect: "new", units: 1 },
    });
  });

  it("prices the issue's example: one indexed item and four small ones in a transaction", () => {
    // DynamoDB Local reported 8 for it
    const indexed = billWrite(table, undefined, sized(700, { gsi1pk: "c", gsi1sk: "s" }), true).total;
    const four = [1, 2, 3, 4].map(() => billWrite(table, undefined, sized(200), true).total);
    expect(indexed + four.reduce((a, b) => a + b)).toBe(3 + 8);
  });
});
