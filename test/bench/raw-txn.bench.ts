import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createTable } from "#infra/local/resources.ts";
import { model } from "#infra/manifest.ts";
import { runLoad } from "./load.ts";
import { summarize, throughput, type LatencySummary } from "./stats.ts";

/**
 * The floor: TransactWriteItems of two small items (an aggregate and its event) straight from the SDK to the same
 * DynamoDB Local the stack uses, into a table shaped like the services' (same indexes, stream on). Whatever the HTTP
 * path adds on top of this is the price of the handler chain.
 */
export interface LoadFigures {
  concurrency: number;
  rps: number;
  latency: LatencySummary;
  failures: Record<string, number>;
}

export async function benchRawTransactions(
  dynamodb: DynamoDBClient,
  endpoint: string,
  concurrencies: readonly number[],
  timing: { warmupMs: number; durationMs: number },
  progress: (line: string) => void,
): Promise<LoadFigures[]> {
  const table = "bench-raw-txn";
  await createTable(dynamodb, table, model.tables.find((t) => t.service === "intake")!.definition.indexes);
  const figures: LoadFigures[] = [];
  for (const concurrency of concurrencies) {
    progress(`raw TransactWriteItems, ${concurrency} in flight, ${timing.durationMs / 1000} s`);
    const r = await runLoad({ target: { kind: "txn", endpoint, table }, concurrency, ...timing });
    figures.push({
      concurrency,
      rps: throughput(r.completed, r.elapsedMs),
      latency: summarize(r.latencies),
      failures: r.failures,
    });
  }
  return figures;
}
