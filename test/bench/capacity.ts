import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

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
  /** Event items written (entity = "event": the outbox, DESIGN.md "Data and events"). */
  eventItems: number;
  /**
   * Write units by what was written: `<function> <command> <items>`, the items named by their entity (or their key's
   * prefix), so the costly writes can be found — e.g. `delivery-send-notification TransactWrite notification+event`.
   */
  byWrite: Record<string, { write: number; calls: number }>;
}

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
}

export interface MeterOptions {
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
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity ??= "TOTAL";
      const counts = counting && (options.counts?.() ?? true);
      const events = counts ? eventItemsIn(args.input) : 0;
      const result = await next(args);
      if (!counts) return result;
      const output = result.output as { ConsumedCapacity?: Consumed | Consumed[] };
      const isRead = READS.has(context.commandName ?? "");
      const factor = TRANSACTIONS.has(context.commandName ?? "") ? 2 : 1;
      const fn = (totals.byFunction[options.attribute?.() ?? "-"] ??= { read: 0, write: 0 });
      for (const c of ([] as Consumed[]).concat(output.ConsumedCapacity ?? [])) {
        const reported = c.CapacityUnits ?? 0;
        const units = reported * factor;
        if (isRead) totals.reported.read += reported;
        else totals.reported.write += reported;
        const table = (totals.byTable[c.TableName ?? "?"] ??= { read: 0, write: 0 });
        for (const sum of [totals, table, fn]) {
          if (isRead) sum.read += units;
          else sum.write += units;
        }
      }
      if (!isRead) {
        const shape = `${options.attribute?.() ?? "-"} ${(context.commandName ?? "?").replace(/(Item)?Command$/, "")} ${writtenItems(args.input)}`;
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
  return {
    reset: () => void (totals = empty()),
    totals: () => structuredClone(totals),
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
    eventItems: 0,
    byWrite: {},
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
