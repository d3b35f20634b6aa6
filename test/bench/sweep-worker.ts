import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { startDynamoDbLocal } from "#infra/local/dynamodb-local.ts";
import { meterCapacity } from "./capacity.ts";
import { benchClockSweep, type SweepFigures } from "./clock-sweep.bench.ts";
import { freePort } from "./local-stack.ts";

/**
 * The clock sweep's own process and its own fresh DynamoDB Local (as the sweep bench always ran): 50,000 clocks
 * written into the stack's emulator after the load benchmarks take many minutes on two cores, and the sweep reads
 * through the shared client, whose endpoint is fixed once created. Reads the sizes from BENCH_SWEEP_SIZES, prints
 * one JSON line of SweepFigures[]. The environment (quiet Powertools, no request timeout) is the parent's.
 */
const sizes = process.env.BENCH_SWEEP_SIZES!.split(",").map(Number);
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
  const figures: SweepFigures[] = [];
  for (const open of sizes) {
    process.stderr.write(`[sweep] filling ${open.toLocaleString("en")} open clocks, then one sweep\n`);
    figures.push(await benchClockSweep(dynamodb, meter, open));
  }
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} finally {
  dynamodb.destroy();
  await local.stop();
}
