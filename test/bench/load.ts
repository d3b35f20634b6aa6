import { spawn } from "node:child_process";
import type { TransactWriteItem } from "@aws-sdk/client-dynamodb";
import { fileURLToPath } from "node:url";

/**
 * A closed-loop load: `concurrency` callers, each sending its next request as soon as the last one answered, for a
 * warm-up (not measured) and then a measured window. Runs in its own Node process (load-worker.ts) so the load's own
 * work never shares an event loop with the server under measurement — as a real client would not.
 */
export type LoadTarget =
  | {
      kind: "http";
      url: string;
      token: string;
      /** JSON body of every request; each request gets a fresh Idempotency-Key. */
      body: unknown;
    }
  | {
      kind: "txn";
      endpoint: string;
      template: TransactionTemplate;
    };

/**
 * A transaction to send again and again (raw-txn.bench.ts), as DynamoDB's own JSON: each send replaces every `ids`
 * entry (`app_…`, `evt_…`) with a new id of the same kind and every `hashes` entry with new random hex, wherever they
 * occur — keys, indexes, event payloads, the recorded answer.
 */
export interface TransactionTemplate {
  items: TransactWriteItem[];
  ids: string[];
  hashes: string[];
}

export interface LoadSpec {
  target: LoadTarget;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  concurrency: number;
  completed: number;
  /** Answers that were not a success (HTTP status ≥ 300, or an SDK error), by status or error name. */
  failures: Record<string, number>;
  elapsedMs: number;
  /** Latency of every measured success, ms. */
  latencies: number[];
}

const WORKER = fileURLToPath(new URL("./load-worker.ts", import.meta.url));

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
      env: { ...process.env, BENCH_LOAD: JSON.stringify(spec) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`load worker exited with ${code}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").at(-1)!) as LoadResult);
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}
