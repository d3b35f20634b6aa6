import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import {
  billWrite,
  writeTargets,
  type Image,
  type IndexEffect,
  type WriteBill,
  type WriteTarget,
} from "./billing.ts";
import type { ImageReader } from "./images.ts";

/** Read commands, by the names the middleware sees for both the document client and the plain client. */
const READS = new Set([
  "GetCommand",
  "GetItemCommand",
  "BatchGetCommand",
  "BatchGetItemCommand",
  "QueryCommand",
  "ScanCommand",
  "TransactGetCommand",
  "TransactGetItemsCommand",
]);

/**
 * DynamoDB bills a transactional request at twice the units of the same plain request (2 write units per KB written,
 * 2 read units per 4 KB read) and reports it so; DynamoDB Local reports the plain units (checked: two small items in
 * one TransactWriteItems come back as 2, DynamoDB says 4). The meter doubles them to report what AWS would.
 */
const TRANSACTIONS = new Set([
  "TransactWriteCommand",
  "TransactWriteItemsCommand",
  "TransactGetCommand",
  "TransactGetItemsCommand",
]);

type Consumed = { TableName?: string; CapacityUnits?: number };

export interface CapacityTotals {
  /** As DynamoDB would report and bill them (transactions at twice DynamoDB Local's figure). */
  read: number;
  write: number;
  /** As DynamoDB Local reported them. */
  reported: { read: number; write: number };
  byTable: Record<string, { read: number; write: number }>;
  /** By the function the call was made in (`options.attribute`), "-" outside any. */
  byFunction: Record<string, { read: number; write: number }>;
  /** Index write units by `<table>/<index>` and what happened to the entries (billed meter only). */
  byIndex: Record<string, { units: number } & Partial<Record<IndexEffect, number>>>;
  /** Event items written (entity = "event": the outbox, DESIGN.md "Data and events"). */
  eventItems: number;
  /**
   * Write units by what was written: `<function> <command> <items>`, the items named by their entity (or their key's
   * prefix), so the costly writes can be found — e.g. `delivery-send-notification TransactWrite notification+event`.
   */
  byWrite: Record<string, { write: number; calls: number }>;
  /**
   * The same writes as if every item were under 1 KB (billed meter only): what the case's write set costs whatever its
   * items' sizes — each item 1 unit, 2 in a transaction; each index entry written or removed 1, moved 2. By what was
   * written: event items (the outbox), `Idempotency-Key` and consumer records, other items, index entries; and how
   * much of it is the transactions' second unit.
   */
  floor: { write: number; byKind: Record<FloorKind, number>; transactionShare: number };
}

export type FloorKind = "event items" | "idempotency records" | "other items" | "index entries";

/**
 * Sums the capacity every DynamoDB call through the shared client consumes: it asks each call for
 * `ReturnConsumedCapacity: TOTAL` (DynamoDB Local reports it too, LOCAL-STACK.md) and adds up what comes back, per
 * table, split into reads and writes by the command; it also counts the event items successful writes carried. The
 * document client shares the plain client's middleware stack, so Powertools idempotency's calls (made on the plain
 * client) are counted as well. Bench-only instrumentation; the code under measurement is unchanged.
 */
export interface CapacityMeter {
  reset(): void;
  totals(): CapacityTotals;
  /** Run without counting (filling the table). */
  paused<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Bill writes from their images (MeterOptions.images) while `fn` runs: the extra reads would slow a throughput
   * benchmark, so only the part that measures what a case consumes turns it on.
   */
  billing<T>(fn: () => Promise<T>): Promise<T>;
}

export interface MeterOptions {
  /**
   * Reads items beside the code (issue 21): with it, writes are billed from their images as DynamoDB bills them
   * (billing.ts); without it, from DynamoDB Local's reported units, transactions doubled.
   */
  images?: ImageReader;
  /** Told how long each image read took inside an invocation, to take it off the invocation's duration. */
  chargeTime?: (ms: number) => void;
  /** Whether the call being made counts (e.g. not when a scheduled function makes it); all count by default. */
  counts?: () => boolean;
  /** Which function the call being made belongs to (for `byFunction`). */
  attribute?: () => string | undefined;
}

export function meterCapacity(
  client: DynamoDBDocumentClient | DynamoDBClient,
  options: MeterOptions = {},
): CapacityMeter {
  let totals = empty();
  let counting = true;
  let billingOn = false;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity ??= "TOTAL";
      const counts = counting && (options.counts?.() ?? true);
      const events = counts ? eventItemsIn(args.input) : 0;
      const isWrite = !READS.has(context.commandName ?? "");
      const billing =
        counts && isWrite && billingOn && options.images
          ? await before(options.images, context.commandName ?? "", args.input as Record<string, unknown>)
          : undefined;
      let result;
      try {
        result = await next(args);
      } catch (error) {
        // A write refused by its condition (or a cancelled transaction) is billed too: the table part, on the item as it was
        if (billing) {
          const units = billing.targets.reduce(
            (n, t, i) =>
              n + billWrite(billing.shapes[i]!, billing.old[i], billing.old[i], t.transactional).table,
            0,
          );
          addBilled(units, billing, []);
        }
        throw error;
      }
      if (!counts) return result;
      const output = result.output as { ConsumedCapacity?: Consumed | Consumed[] };
      const isRead = READS.has(context.commandName ?? "");
      const factor = TRANSACTIONS.has(context.commandName ?? "") ? 2 : 1;
      const fn = (totals.byFunction[options.attribute?.() ?? "-"] ??= { read: 0, write: 0 });
      for (const c of ([] as Consumed[]).concat(output.ConsumedCapacity ?? [])) {
        const reported = c.CapacityUnits ?? 0;
        if (isRead) totals.reported.read += reported;
        else totals.reported.write += reported;
        if (billing) continue; // billed from the images below
        const units = reported * factor;
        const table = (totals.byTable[c.TableName ?? "?"] ??= { read: 0, write: 0 });
        for (const sum of [totals, table, fn]) {
          if (isRead) sum.read += units;
          else sum.write += units;
        }
      }
      const shape = `${options.attribute?.() ?? "-"} ${(context.commandName ?? "?").replace(/(Item)?Command$/, "")} ${writtenItems(args.input)}`;
      if (billing) {
        const started = performance.now();
        const now = await Promise.all(
          billing.targets.map((t) => (t.op === "check" ? undefined : options.images!.get(t.table, t.key))),
        );
        options.chargeTime?.(performance.now() - started);
        const bills = billing.targets.map((t, i) =>
          t.op === "check"
            ? {
                table: billWrite(billing.shapes[i]!, billing.old[i], billing.old[i], true).table,
                indexes: {},
                total: 0,
              }
            : billWrite(billing.shapes[i]!, billing.old[i], now[i], t.transactional),
        );
        addBilled(0, billing, bills, shape);
        addFloor(billing.targets, bills, (i) => now[i] ?? billing.old[i]);
      } else if (!isRead) {
        const w = (totals.byWrite[shape] ??= { write: 0, calls: 0 });
        w.calls++;
        for (const c of ([] as Consumed[]).concat(output.ConsumedCapacity ?? []))
          w.write += (c.CapacityUnits ?? 0) * factor;
      }
      totals.eventItems += events;
      return result;
    },
    { step: "initialize", name: "benchCapacityMeter" },
  );
  /** The items as they were, and their tables' shapes, before a write (the time taken off the invocation). */
  async function before(images: ImageReader, command: string, input: Record<string, unknown>) {
    const started = performance.now();
    await Promise.all(tablesIn(input).map((t) => images.shape(t)));
    const targets = writeTargets(command, input, images.keysOf);
    const [shapes, old] = await Promise.all([
      Promise.all(targets.map((t) => images.shape(t.table))),
      Promise.all(targets.map((t) => images.get(t.table, t.key))),
    ]);
    options.chargeTime?.(performance.now() - started);
    return { targets, shapes, old };
  }

  function addBilled(
    failedUnits: number,
    billing: { targets: WriteTarget[] },
    bills: WriteBill[],
    shape?: string,
  ) {
    const fn = (totals.byFunction[options.attribute?.() ?? "-"] ??= { read: 0, write: 0 });
    const add = (table: string, units: number) => {
      const t = (totals.byTable[table] ??= { read: 0, write: 0 });
      for (const sum of [totals, t, fn]) sum.write += units;
    };
    if (failedUnits) add(billing.targets[0]?.table ?? "?", failedUnits);
    bills.forEach((bill, i) => {
      const table = billing.targets[i]!.table;
      add(table, bill.table + Object.values(bill.indexes).reduce((n, x) => n + x.units, 0));
      for (const [name, { effect, units }] of Object.entries(bill.indexes)) {
        const idx = (totals.byIndex[`${table}/${name}`] ??= { units: 0 });
        idx.units += units;
        idx[effect] = (idx[effect] ?? 0) + 1;
      }
    });
    if (shape) {
      const w = (totals.byWrite[shape] ??= { write: 0, calls: 0 });
      w.calls++;
      w.write += bills.reduce(
        (n, b) => n + b.table + Object.values(b.indexes).reduce((m, x) => m + x.units, 0),
        0,
      );
    }
  }

  function addFloor(targets: WriteTarget[], bills: WriteBill[], image: (i: number) => Image | undefined) {
    targets.forEach((t, i) => {
      if (t.op === "check") return;
      const entity = (image(i)?.entity as { S?: string } | undefined)?.S ?? "";
      const pk = (t.key.pk as { S?: string } | undefined)?.S ?? "";
      const kind: FloorKind =
        entity === "event" ? "event items" : pk.startsWith("idem#") ? "idempotency records" : "other items";
      const units = t.transactional ? 2 : 1;
      const entries = Object.values(bills[i]!.indexes).reduce(
        (n, x) => n + (x.effect === "moved" ? 2 : 1),
        0,
      );
      totals.floor.byKind[kind] += units;
      totals.floor.byKind["index entries"] += entries;
      totals.floor.write += units + entries;
      if (t.transactional) totals.floor.transactionShare += 1;
    });
  }

  return {
    reset: () => void (totals = empty()),
    totals: () => structuredClone(totals),
    async billing(fn) {
      billingOn = true;
      try {
        return await fn();
      } finally {
        billingOn = false;
      }
    },
    async paused(fn) {
      counting = false;
      try {
        return await fn();
      } finally {
        counting = true;
      }
    },
  };
}

function empty(): CapacityTotals {
  return {
    read: 0,
    write: 0,
    reported: { read: 0, write: 0 },
    byTable: {},
    byFunction: {},
    byIndex: {},
    eventItems: 0,
    byWrite: {},
    floor: {
      write: 0,
      byKind: { "event items": 0, "idempotency records": 0, "other items": 0, "index entries": 0 },
      transactionShare: 0,
    },
  };
}

/** What a write wrote: each item's entity, or its partition key's prefix (`update app`, `delete idem`). */
function writtenItems(input: unknown): string {
  const text = (v: unknown) => (typeof v === "string" ? v : ((v as { S?: string } | undefined)?.S ?? ""));
  const name = (item: Record<string, unknown> | undefined) =>
    text(item?.entity) || text(item?.pk).split("#")[0] || text(item?.id).split("#")[0] || "?";
  const i = input as {
    Item?: Record<string, unknown>;
    Key?: Record<string, unknown>;
    TransactItems?: Record<string, { Item?: Record<string, unknown>; Key?: Record<string, unknown> }>[];
    RequestItems?: Record<string, { PutRequest?: { Item?: Record<string, unknown> } }[]>;
  };
  if (i.Item) return name(i.Item);
  if (i.Key) return `key:${name(i.Key)}`;
  if (i.TransactItems)
    return i.TransactItems.map((t) => {
      const [op, body] = Object.entries(t)[0] ?? ["?", {}];
      return op === "Put" ? name(body.Item) : `${op.toLowerCase()}:${name(body.Key)}`;
    }).join("+");
  const puts = Object.values(i.RequestItems ?? {}).flat();
  return `batch:${puts.map((r) => name(r.PutRequest?.Item)).join("+")}`;
}

/** Items written with entity "event", in document form (`"event"`) or marshalled (`{ S: "event" }`). */
export function eventItemsIn(input: unknown): number {
  const isEvent = (item: unknown) => {
    const entity = (item as { entity?: unknown } | undefined)?.entity;
    return entity === "event" || (entity as { S?: unknown } | undefined)?.S === "event";
  };
  const i = input as {
    Item?: unknown;
    TransactItems?: { Put?: { Item?: unknown } }[];
    RequestItems?: Record<string, { PutRequest?: { Item?: unknown } }[]>;
  };
  let n = isEvent(i.Item) ? 1 : 0;
  for (const t of i.TransactItems ?? []) if (isEvent(t.Put?.Item)) n++;
  for (const requests of Object.values(i.RequestItems ?? {}))
    if (Array.isArray(requests)) for (const r of requests) if (isEvent(r.PutRequest?.Item)) n++;
  return n;
}

/** The tables a write names (its own, a transaction's items', a batch's). */
function tablesIn(input: Record<string, unknown>): string[] {
  const names = new Set<string>();
  if (typeof input.TableName === "string") names.add(input.TableName);
  for (const t of (input.TransactItems ?? []) as Record<string, { TableName?: string }>[])
    for (const body of Object.values(t)) if (body.TableName) names.add(body.TableName);
  for (const table of Object.keys((input.RequestItems ?? {}) as object)) names.add(table);
  return [...names];
}
