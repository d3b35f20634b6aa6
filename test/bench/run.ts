import { createServer } from "node:net";

// Before the SDK and Powertools load (they read these at import): quiet logs, no tracing or metrics to flush.
Object.assign(process.env, {
  AWS_REGION: "local",
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? "WARN",
  POWERTOOLS_TRACE_ENABLED: "false",
  POWERTOOLS_METRICS_DISABLED: "true",
});
const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
const { startDynamoDbLocal } = await import("#infra/local/dynamodb-local.ts");
const { checkJava } = await import("#infra/local/prerequisites.ts");
const { meterCapacity } = await import("./capacity.ts");
const { benchClockSweep } = await import("./clock-sweep.bench.ts");

/**
 * `npm run bench`: speed and memory, measured against DynamoDB Local (the emulator `npm start` uses), never asserted
 * in tests. Prints one table per benchmark.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function main() {
  checkJava();
  const local = await startDynamoDbLocal({ port: await freePort() });
  process.env.AWS_ENDPOINT_URL_DYNAMODB = local.endpoint;
  const dynamodb = new DynamoDBClient({
    endpoint: local.endpoint,
    region: "local",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const { dynamo } = await import("#shared/aws/clients.ts");
  const meter = meterCapacity(dynamo());
  try {
    const sizes = (process.env.BENCH_OPEN_CLOCKS ?? "1000,50000").split(",").map(Number);
    const rows = [];
    for (const open of sizes) {
      const r = await benchClockSweep(dynamodb, meter, open);
      rows.push({
        "open clocks": r.open,
        "due (read)": r.due,
        "warnings raised": r.raised,
        "sweep ms": Math.round(r.sweepMs),
        "read capacity (all reads)": r.readCapacity,
        "read capacity (due index)": r.indexReadCapacity,
        "write capacity": r.writeCapacity,
        "heap MB": Math.round(r.heapMb),
        "fill s": Math.round(r.fillSeconds),
      });
    }
    console.log("\nClock sweep (issue 7): the same 100 due clocks among more and more open ones");
    console.table(rows);
  } finally {
    dynamodb.destroy();
    await local.stop();
  }
}

await main();
