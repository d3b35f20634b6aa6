import { readFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { SweepFigures } from "./clock-sweep.bench.ts";
import type { Results } from "./report.ts";

// Before the SDK and Powertools load (they read these at import): quiet logs, no tracing or metrics to flush.
Object.assign(process.env, {
  AWS_REGION: "local",
  AWS_ACCESS_KEY_ID: "local",
  AWS_SECRET_ACCESS_KEY: "local",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  // Handlers log expected transient errors (consumers retrying an event that arrived before the one it depends on);
  // BENCH_LOG_LEVEL=ERROR shows them.
  POWERTOOLS_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "SILENT",
  POWERTOOLS_TRACE_ENABLED: "false",
  POWERTOOLS_METRICS_DISABLED: "true",
  // One applicant runs every case of the bench within minutes, and the load parts send SMS to the same number: the
  // hourly send limits (issue 15), meant for a stranger's number, would stop the lifecycle's messages, which the cost
  // report counts. Limits as high as the bench needs; the counters are still written, and metered.
  SENDS_PER_RECIPIENT_PER_HOUR: "100000",
  SENDS_PER_ACCOUNT_PER_HOUR: "100000",
  // As the local runtime sets it (infra/local/stack.ts), but before shared/aws/clients.ts loads and reads it: no
  // request timeout against a busy DynamoDB Local.
  SDK_REQUEST_TIMEOUT_MS: process.env.SDK_REQUEST_TIMEOUT_MS ?? "0",
});
const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
const { checkJava, PrerequisiteError } = await import("#infra/local/prerequisites.ts");
const { meterCapacity } = await import("./capacity.ts");
const { imageReader } = await import("./images.ts");
const { recordInvocations, currentFunction, chargeMeteringTime } = await import("./invocations.ts");
const { startBenchStack } = await import("./local-stack.ts");
const { benchRawTransactions } = await import("./raw-txn.bench.ts");
const { benchSubmit } = await import("./submit.bench.ts");
const { benchEndToEnd } = await import("./e2e.bench.ts");
const { benchLifecycle } = await import("./lifecycle.bench.ts");
const { benchBundles, benchStackFloors } = await import("./bundles.bench.ts");
const { benchAcceptance } = await import("./acceptance.bench.ts");
const { meterSqs } = await import("./sqs-meter.ts");
const { meterLogs } = await import("./log-meter.ts");
const { machine, printReport, readResults, summaryLine, writeReport } = await import("./report.ts");

/**
 * `npm run bench`: speed, capacity, cost and bundle figures, measured against the local stack this process starts
 * (the one `npm start` runs) and never asserted in tests. Progress goes to stderr; stdout gets the tables and, as its
 * last line, one JSON object with the headline figures; docs/benchmarks.md gets the full report.
 *
 * Options: `--quick` (a smoke run of about two minutes: short windows, few samples, 1,000 and 5,000 open clocks, one
 * init run per bundle; the report goes to .local/bench/ instead of docs/), `--only raw,submit,acceptance,e2e,
 * lifecycle,sweep,bundles` (a subset; the others print as null), `--report-from .local/bench/results.json` (write the report again
 * from a run's saved figures, measuring nothing). BENCH_OPEN_CLOCKS=1000,50000 sets the sweep sizes.
 */
const PARTS = ["raw", "submit", "acceptance", "e2e", "lifecycle", "sweep", "bundles"] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    "report-from": { type: "string" },
  },
});
const quick = values.quick;
const only = new Set((values.only?.split(",") ?? PARTS).map((p) => p.trim()) as Part[]);
for (const p of only)
  if (!PARTS.includes(p)) throw new Error(`--only: unknown part ${p} (${PARTS.join(", ")})`);

const settings = {
  concurrencies: [1, 16, 64],
  load: quick ? { warmupMs: 500, durationMs: 2_000 } : { warmupMs: 1_000, durationMs: 8_000 },
  e2eSamples: quick ? 10 : 40,
  lifecycleCases: quick ? 1 : 3,
  /** Acceptance decisions per round (16 and 64 in flight, center and window series). */
  acceptanceDecisions: quick ? 64 : 256,
  openClocks: (process.env.BENCH_OPEN_CLOCKS ?? (quick ? "1000,5000" : "1000,50000")).split(",").map(Number),
  initRuns: quick ? 1 : 5,
};

const began = Date.now();
const progress = (line: string) =>
  process.stderr.write(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

async function main(): Promise<Results> {
  checkJava();
  const results: Results = { quick, settings, machine: machine(), startedAt: new Date(began).toISOString() };
  const needsStack = ["raw", "submit", "acceptance", "e2e", "lifecycle"].some((p) => only.has(p as Part));
  if (needsStack) {
    progress("starting the local stack (DynamoDB Local, SQS server, handlers, pollers, seed)");
    const invocations = recordInvocations();
    const bench = await startBenchStack();
    progress(`stack ready at ${bench.stack.url}`);
    const { dynamo, sqs } = await import("#shared/aws/clients.ts");
    // Scheduled functions (minute sweeps) run on their own; what they consume is no case's and no benchmark's.
    const notScheduled = () => currentFunction()?.kind !== "schedule";
    const dynamodb = new DynamoDBClient({
      endpoint: bench.stack.endpoints.dynamodb,
      region: "local",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    // Writes are billed from the items before and after, as DynamoDB bills them (billing.ts), read on a client of
    // their own; the time those reads take inside an invocation is taken off its duration.
    const capacity = meterCapacity(dynamo(), {
      counts: notScheduled,
      attribute: () => currentFunction()?.id,
      images: imageReader(dynamodb),
      chargeTime: chargeMeteringTime,
    });
    const sqsMeter = meterSqs(sqs(), notScheduled);
    // One part failing (e.g. a busy emulator exceeding the shared clients' 2 s request bound) is reported, and the
    // others still run.
    const part = async (name: Part, fn: () => Promise<void>) => {
      if (!only.has(name)) return;
      try {
        await fn();
      } catch (error) {
        progress(`${name} failed: ${(error as Error).message}`);
        (results.errors ??= {})[name] = `${(error as Error).name}: ${(error as Error).message}`;
      }
    };
    try {
      // The floor and submit take turns, round by round: the floor's events flow through the same consumers and
      // tables as submit's, and a stack that has taken more cases answers more slowly, so neither may always meet the
      // fresher one (measured with every floor round first: submit at 16 in flight 22–24 req/s, against 59 when no
      // floor had run before it).
      for (const concurrency of settings.concurrencies) {
        await part("raw", async () => {
          const figures = await benchRawTransactions(bench, dynamodb, [concurrency], settings.load, progress);
          results.raw = [...(results.raw ?? []), ...figures];
        });
        await part("submit", async () => {
          const figures = await benchSubmit(bench, [concurrency], settings.load, progress);
          results.submit = [...(results.submit ?? []), ...figures];
        });
      }
      // End to end before acceptance: acceptance leaves a thousand cases whose notifications are still being
      // sent (and retried) for minutes, and each end-to-end sample waits for an idle stack
      await part("e2e", async () => {
        results.e2e = await benchEndToEnd(bench, settings.e2eSamples, progress);
      });
      await part("acceptance", async () => {
        results.acceptance = await benchAcceptance(bench, [16, 64], settings.acceptanceDecisions, progress);
      });
      await part("lifecycle", async () => {
        results.lifecycle = await capacity.billing(() =>
          benchLifecycle(
            bench,
            { capacity, sqs: sqsMeter, invocations, logs: meterLogs() },
            settings.lifecycleCases,
            progress,
          ),
        );
      });
    } finally {
      progress("stopping the local stack");
      dynamodb.destroy();
      await bench.stack.stop();
    }
  }
  if (only.has("sweep")) {
    // In its own process and emulator (sweep-worker.ts), after the stack has stopped.
    progress(`clock sweep over ${settings.openClocks.join(", ")} open clocks, on a fresh DynamoDB Local`);
    try {
      results.sweep = await runSweep(settings.openClocks);
    } catch (error) {
      progress(`sweep failed: ${(error as Error).message}`);
      (results.errors ??= {}).sweep = (error as Error).message;
    }
  }
  if (only.has("bundles")) {
    results.bundles = await benchBundles(settings.initRuns, progress);
    results.stackFloors = await benchStackFloors();
  }
  results.finishedAt = new Date().toISOString();
  results.machine = machine(results.machine);
  return results;
}

function runSweep(sizes: number[]): Promise<SweepFigures[]> {
  const worker = fileURLToPath(new URL("./sweep-worker.ts", import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", worker], {
      env: { ...process.env, BENCH_SWEEP_SIZES: sizes.join(",") },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`sweep worker exited with ${code}`));
      resolve(JSON.parse(out.trim().split("\n").at(-1)!) as SweepFigures[]);
    });
  });
}

// Ctrl-C: DynamoDB Local dies with this process (infra/local/dynamodb-local.ts); say so rather than print a trace.
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    console.error(`\n[bench] ${signal}: stopped; no figures written`);
    process.exit(130);
  });

try {
  const from = values["report-from"];
  const results = from ? readResults(readFileSync(from, "utf8")) : await main();
  const doc = await writeReport(results, {
    partial: from ? results.quick : quick || only.size < PARTS.length,
    fromFile: Boolean(from),
  });
  progress(`report written to ${doc}; ${((Date.now() - began) / 60_000).toFixed(1)} min in all`);
  printReport(results);
  console.log(JSON.stringify(summaryLine(results)));
  process.exit(0);
} catch (error) {
  if (error instanceof PrerequisiteError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error("[bench] failed:", error);
  process.exit(1);
}
