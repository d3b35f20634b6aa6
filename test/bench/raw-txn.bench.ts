import { randomUUID } from "node:crypto";
import {
  GetItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { seedUsers } from "#infra/local/seed-data.ts";
import { sha256Hex } from "#shared/signing/canonical.ts";
import { runLoad, type TransactionTemplate } from "./load.ts";
import type { BenchStack } from "./local-stack.ts";
import { submission } from "./local-stack.ts";
import { summarize, throughput, type LatencySummary } from "./stats.ts";

/**
 * The floor: the TransactWriteItems a submission writes — its application item, its event items and its idempotency
 * record, with their conditions — sent straight from the SDK into the real intake table of the bench's stack, so the
 * same stream publisher and consumers process its events as a submission's. Whatever `POST /v1/applications` adds on
 * top of this is the price of the HTTP chain, the reads and the handler: the ratio compares like with like.
 */
export interface LoadFigures {
  concurrency: number;
  rps: number;
  latency: LatencySummary;
  failures: Record<string, number>;
}

export async function benchRawTransactions(
  bench: BenchStack,
  dynamodb: DynamoDBClient,
  concurrencies: readonly number[],
  timing: { warmupMs: number; durationMs: number },
  progress: (line: string) => void,
): Promise<LoadFigures[]> {
  const template = await submissionTransaction(bench, dynamodb);
  progress(`floor: a submission's transaction of ${template.items.length} items, replayed with fresh ids`);
  const figures: LoadFigures[] = [];
  for (const concurrency of concurrencies) {
    progress(`raw TransactWriteItems, ${concurrency} in flight, ${timing.durationMs / 1000} s`);
    const r = await runLoad({
      target: { kind: "txn", endpoint: bench.stack.endpoints.dynamodb, template },
      concurrency,
      ...timing,
    });
    figures.push({
      concurrency,
      rps: throughput(r.completed, r.elapsedMs),
      latency: summarize(r.latencies),
      failures: r.failures,
    });
    // As between submit rounds: the events of this round flow before the next.
    progress(`  ${r.completed} written; waiting for their events to flow`);
    await bench.stack.drain(300_000);
  }
  return figures;
}

/**
 * One submission made through the API as the submit bench makes them (the seeded clerk, the bench's item, a fresh
 * Idempotency-Key), and what it wrote read back: the template of the floor's transaction. Its ids — the
 * application's, its events', the record's key — are what each replay makes fresh.
 */
async function submissionTransaction(
  bench: BenchStack,
  dynamodb: DynamoDBClient,
): Promise<TransactionTemplate> {
  const itemId = await bench.benchItem();
  // Setup, not a timing: the new item's guide and status reach intake through events first.
  await bench.stack.drain(60_000);
  const key = randomUUID();
  const res = await fetch(`${bench.stack.url}/v1/applications`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${await bench.token("clerk")}`,
      "content-type": "application/json",
      "idempotency-key": key,
    },
    body: JSON.stringify(submission(itemId)),
  });
  const answer = (await res.json()) as { id: string };
  if (res.status !== 201) throw new Error(`floor setup, submission: ${res.status} ${JSON.stringify(answer)}`);
  const table = bench.stack.tables.intake!;
  const { Items: partition = [] } = await dynamodb.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": { S: `app#${answer.id}` } },
      ConsistentRead: true,
    }),
  );
  // The submission (written once) and its case (state, rewritten at each step): both in a submission's transaction.
  const application = partition.find((i) => i.sk?.S === "app");
  const applicationCase = partition.find((i) => i.sk?.S === "app#case");
  const events = partition.filter((i) => i.sk?.S?.startsWith("evt#"));
  const recordKey = sha256Hex(`${seedUsers.clerk.sub}:${key}`);
  const { Item: record } = await dynamodb.send(
    new GetItemCommand({
      TableName: table,
      Key: { pk: { S: "idem#POST /v1/applications" }, sk: { S: recordKey } },
      ConsistentRead: true,
    }),
  );
  if (!application || !applicationCase || events.length === 0 || !record)
    throw new Error(
      "floor setup: the submission's application, case, events or idempotency record not found",
    );
  const put = (Item: Record<string, AttributeValue>, ConditionExpression?: string) => ({
    Put: { TableName: table, Item, ...(ConditionExpression ? { ConditionExpression } : {}) },
  });
  return {
    items: [
      put(application, "attribute_not_exists(pk)"),
      put(applicationCase, "attribute_not_exists(pk)"),
      ...events.map((e) => put(e)),
      {
        Put: {
          ...put(record).Put,
          ConditionExpression: "attribute_not_exists(pk) OR #ttl < :now",
          ExpressionAttributeNames: { "#ttl": "ttl" },
          ExpressionAttributeValues: { ":now": { N: String(Math.floor(Date.now() / 1000)) } },
        },
      },
    ],
    ids: [answer.id, ...events.map((e) => e.id!.S!)],
    hashes: [recordKey],
  };
}
