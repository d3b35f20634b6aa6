import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

const READS = new Set(["GetCommand", "BatchGetCommand", "QueryCommand", "ScanCommand", "TransactGetCommand"]);

type Consumed = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };

/**
 * Sums the capacity every DynamoDB call through the shared document client consumes: it asks each call for
 * `ReturnConsumedCapacity: TOTAL` (DynamoDB Local reports it too, LOCAL-STACK.md) and adds up what comes back, split
 * into reads and writes by the command. Bench-only instrumentation; the code under measurement is unchanged.
 */
export interface CapacityMeter {
  reset(): void;
  totals(): { read: number; write: number };
  /** Run without counting (filling the table). */
  paused<T>(fn: () => Promise<T>): Promise<T>;
}

export function meterCapacity(client: DynamoDBDocumentClient): CapacityMeter {
  let read = 0;
  let write = 0;
  let counting = true;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity ??= "TOTAL";
      const result = await next(args);
      if (!counting) return result;
      const output = result.output as { ConsumedCapacity?: Consumed | Consumed[] };
      const all = ([] as Consumed[]).concat(output.ConsumedCapacity ?? []);
      const units = all.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      if (READS.has(context.commandName ?? "")) read += units;
      else write += units;
      return result;
    },
    { step: "initialize", name: "benchCapacityMeter" },
  );
  return {
    reset: () => {
      read = 0;
      write = 0;
    },
    totals: () => ({ read, write }),
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
