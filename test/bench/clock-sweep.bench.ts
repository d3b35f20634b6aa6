import { calendarYears } from "#shared/aws/calendar-years.ts";
import { WorkingCalendar } from "#shared/calendar/working-days.ts";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createTable } from "#infra/local/resources.ts";
import { model } from "#infra/manifest.ts";
import { clockRecord, clockStore } from "#services/supervision/monitoring/adapters/clock-store.ts";
import { directoryStore } from "#services/supervision/monitoring/adapters/directory-store.ts";
import {
  DEFAULT_WARNING_POLICY,
  startClock,
  type Clock,
} from "#services/supervision/monitoring/domain/clock.ts";
import { sweepClocks } from "#services/supervision/monitoring/use-cases/sweep-clocks.use-case.ts";
import { ulidIds } from "#shared/ids.ts";
import type { CapacityMeter } from "./capacity.ts";

/**
 * Issue 7's sweep benchmark: the same 100 due clocks among 1,000 and then 50,000 open ones. The sweep reads the due
 * index only, so what it reads — and the read capacity it consumes — should not grow with the open clocks.
 */
export interface SweepFigures {
  open: number;
  due: number;
  fillSeconds: number;
  sweepMs: number;
  readCapacity: number;
  indexReadCapacity: number;
  writeCapacity: number;
  raised: number;
  heapMb: number;
}

const NOW = new Date("2026-11-25T10:00:00+08:00");
const DUE = 100;

export async function benchClockSweep(
  dynamodb: DynamoDBClient,
  meter: CapacityMeter,
  open: number,
): Promise<SweepFigures> {
  const table = `bench-supervision-${open}`;
  const definition = model.tables.find((t) => t.service === "monitoring")!.definition;
  await createTable(dynamodb, table, definition.indexes);
  const shards = 4;

  // Arrange: `open − 100` clocks with nothing due for days, and 100 overdue ones.
  const started = Date.now();
  const clockFor = (i: number): Clock =>
    startClock(
      {
        subjectId: `app_bench${String(i).padStart(6, "0")}`,
        stage: "review",
        centerId: "ctr_bench",
        departmentId: "dep_bench",
        limit: { unit: "workingDays", amount: i < DUE ? 3 : 10 },
        startedAt: i < DUE ? "2026-11-16T02:00:00.000Z" : "2026-11-25T01:00:00.000Z",
        policy: DEFAULT_WARNING_POLICY,
      },
      undefined,
      "2026-11-16T02:00:00.000Z",
      { calendar: new WorkingCalendar() },
    );
  // The fill is setup, not measurement: its own client, without the shared clients' 2 s request bound
  // (shared/aws/clients.ts), which a busy emulator can exceed on 16 batches of 25 in flight.
  const doc = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < open; i += 25)
    batches.push(
      Array.from({ length: Math.min(25, open - i) }, (_, k) => clockRecord(clockFor(i + k), shards)),
    );
  await meter.paused(async () => {
    for (let b = 0; b < batches.length; b += 16)
      await Promise.all(batches.slice(b, b + 16).map((items) => writeAll(doc, table, items)));
  });
  const fillSeconds = (Date.now() - started) / 1000;

  // Act: one sweep
  const clock = { now: () => NOW };
  const ports = {
    calendar: calendarYears(table),
    clocks: clockStore(table, shards),
    directory: directoryStore(table),
    clock,
    ids: ulidIds(clock),
    policy: { acceptanceWindowDays: 5, deliveryLimitDays: 10, sweepMaxClocks: 2000 },
  };
  meter.reset();
  const t0 = performance.now();
  const result = await sweepClocks(NOW, `bench-${open}`, ports);
  const sweepMs = performance.now() - t0;
  const { read, write } = meter.totals();
  return {
    open,
    due: result.due,
    fillSeconds,
    sweepMs,
    readCapacity: read,
    indexReadCapacity: result.readCapacity,
    writeCapacity: write,
    raised: result.raised,
    heapMb: process.memoryUsage().heapUsed / 1_048_576,
  };
}

async function writeAll(
  doc: { send(command: BatchWriteCommand): Promise<{ UnprocessedItems?: Record<string, unknown[]> }> },
  table: string,
  items: Record<string, unknown>[],
) {
  let requests: unknown[] = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; requests.length; attempt++) {
    if (attempt) await new Promise((r) => setTimeout(r, 20 * 2 ** Math.min(attempt, 6)));
    const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: requests as never } }));
    requests = out.UnprocessedItems?.[table] ?? [];
  }
}
