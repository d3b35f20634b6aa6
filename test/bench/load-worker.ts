import { randomBytes, randomUUID } from "node:crypto";
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
  const { ulid } = await import("ulid");
  const client = new DynamoDBClient({
    endpoint: target.endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const { items, ids, hashes } = target.template;
  const text = JSON.stringify(items);
  const stale = new RegExp(
    [...ids, ...hashes].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
    "g",
  );
  return async () => {
    // The same transaction a submission writes, with ids of its own: a new application, new events, a new key.
    const fresh = new Map<string, string>([
      ...ids.map((id) => [id, `${id.slice(0, id.indexOf("_"))}_${ulid()}`] as const),
      ...hashes.map((h) => [h, randomBytes(32).toString("hex")] as const),
    ]);
    try {
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: JSON.parse(text.replace(stale, (s) => fresh.get(s)!)),
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
