import { runLoad } from "./load.ts";
import type { BenchStack } from "./local-stack.ts";
import { submission } from "./local-stack.ts";
import type { LoadFigures } from "./raw-txn.bench.ts";
import { summarize, throughput } from "./stats.ts";

/**
 * `POST /v1/applications` through the local HTTP server and the handler chain (JWT, validation, idempotency with a
 * fresh Idempotency-Key per request, the guide snapshot read, one TransactWriteItems), by the seeded clerk at a
 * Haidian window. The stack keeps publishing and consuming the events the submissions raise while the load runs, as
 * it would in AWS — on this machine that work shares the same two cores.
 */
export async function benchSubmit(
  bench: BenchStack,
  concurrencies: readonly number[],
  timing: { warmupMs: number; durationMs: number },
  progress: (line: string) => void,
): Promise<LoadFigures[]> {
  const itemId = await bench.benchItem();
  const token = await bench.token("clerk");
  const figures: LoadFigures[] = [];
  for (const concurrency of concurrencies) {
    progress(`POST /v1/applications, ${concurrency} in flight, ${timing.durationMs / 1000} s`);
    const r = await runLoad({
      target: { kind: "http", url: `${bench.stack.url}/v1/applications`, token, body: submission(itemId) },
      concurrency,
      ...timing,
    });
    figures.push({
      concurrency,
      rps: throughput(r.completed, r.elapsedMs),
      latency: summarize(r.latencies),
      failures: r.failures,
    });
    // Let the events of this round flow before the next, so each round starts from an idle system.
    progress(`  ${r.completed} submitted; waiting for their events to flow`);
    await bench.stack.drain(300_000);
  }
  return figures;
}
