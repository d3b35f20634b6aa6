import { randomUUID } from "node:crypto";
import type { LoadResult, LoadSpec } from "./load.ts";

// The SDK warns on Node 20 unless told not to; it reads this when it loads.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** The load generator's process (see load.ts): reads its spec from BENCH_LOAD, prints one JSON result line. */
const spec = JSON.parse(process.env.BENCH_LOAD!) as LoadSpec;

async function operation(): Promise<() => Promise<string | undefined>> {
  const target = spec.target;
  if (target.kind === "http") {
    const body = JSON.stringify(target.body);
    return async () => {
      const res = await fetch(target.url, {
        method: "POST",
        headers: {
          authorization: `Bearer ${target.token}`,
          "content-type": "application/json",
          "idempotency-key": randomUUID(),
        },
        body,
      });
      await res.arrayBuffer();
      return res.status < 300 ? undefined : `HTTP ${res.status}`;
    };
  }
  const { DynamoDBClient, TransactWriteItemsCommand } = await import("@aws-sdk/client-dynamodb");
  const client = new DynamoDBClient({
    endpoint: target.endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  let n = 0;
  return async () => {
    // Two small items, the shape of a state change and its event: an aggregate and an event item, one transaction.
    const id = `app_${process.pid}_${n++}`;
    try {
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: target.table,
                Item: {
                  pk: { S: `application#${id}` },
                  sk: { S: "application" },
                  state: { S: "submitted" },
                  version: { N: "1" },
                },
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            {
              Put: {
                TableName: target.table,
                Item: {
                  pk: { S: `application#${id}` },
                  sk: { S: `evt#${randomUUID()}` },
                  entity: { S: "event" },
                  type: { S: "application.submitted" },
                },
              },
            },
          ],
        }),
      );
      return undefined;
    } catch (error) {
      return (error as Error).name;
    }
  };
}

async function main() {
  const op = await operation();
  const result: LoadResult = {
    concurrency: spec.concurrency,
    completed: 0,
    failures: {},
    elapsedMs: 0,
    latencies: [],
  };
  const warmupEnds = performance.now() + spec.warmupMs;
  const ends = warmupEnds + spec.durationMs;
  const caller = async () => {
    while (performance.now() < ends) {
      const t0 = performance.now();
      const failure = await op().catch((e: Error) => e.name);
      const t1 = performance.now();
      // Throughput: answers within the window. Latency: requests sent after the warm-up that answered within it.
      if (t1 < warmupEnds || t1 > ends) continue;
      if (failure) result.failures[failure] = (result.failures[failure] ?? 0) + 1;
      else {
        result.completed++;
        if (t0 >= warmupEnds) result.latencies.push(t1 - t0);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, caller));
  result.elapsedMs = spec.durationMs;
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
