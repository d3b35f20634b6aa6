import { DEMO_CENTER_ID } from "#infra/local/seed-data.ts";
import type { BenchStack } from "./local-stack.ts";
import { submission } from "./local-stack.ts";
import type { LoadFigures } from "./raw-txn.bench.ts";
import { summarize, throughput } from "./stats.ts";

export interface AcceptanceFigures extends LoadFigures {
  /** `center`: every decision numbered in the center's one series; `window`: each window its own series. */
  series: "center" | "window";
}

/**
 * Acceptance decisions at one center (issue 15): `POST /v1/applications/{id}/acceptance` by the Haidian clerk, N in
 * flight, each on a case of its own submitted beforehand. Once with every document numbered in the center's single
 * gap-free series (every decision contends for one counter), once with each of N windows numbering in its own series.
 * Failures count every answer that is not a 200 by status: a 503 is a busy counter, a 500 would be a fault.
 */
export async function benchAcceptance(
  bench: BenchStack,
  concurrencies: readonly number[],
  decisionsPerRound: number,
  progress: (line: string) => void,
): Promise<AcceptanceFigures[]> {
  const itemId = await bench.benchItem();
  const figures: AcceptanceFigures[] = [];
  for (const concurrency of concurrencies) {
    const windows: string[] = [];
    for (let i = 0; i < concurrency; i++) {
      const res = await bench.call<{ id: string }>("admin", "POST", `/v1/centers/${DEMO_CENTER_ID}/windows`, {
        code: `B${concurrency}-${i}`,
        type: "generalAcceptance",
      });
      if (res.status !== 201) throw new Error(`window: ${res.status} ${JSON.stringify(res.body)}`);
      windows.push(res.body.id);
    }
    await bench.stack.drain(300_000);
    for (const series of ["center", "window"] as const) {
      progress(
        `acceptance, ${concurrency} in flight, ${series} series: submitting ${decisionsPerRound} cases`,
      );
      const cases: string[] = [];
      for (let i = 0; i < decisionsPerRound; i++) {
        const res = await bench.call<{ id: string }>("clerk", "POST", "/v1/applications", submission(itemId));
        if (res.status !== 201) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
        cases.push(res.body.id);
      }
      await bench.stack.drain(300_000);
      progress(`  deciding them`);
      const latencies: number[] = [];
      const failures: Record<string, number> = {};
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async (_, worker) => {
          for (let i = next++; i < cases.length; i = next++) {
            const t0 = performance.now();
            const res = await bench.call("clerk", "POST", `/v1/applications/${cases[i]}/acceptance`, {
              outcome: "accepted",
              ...(series === "window" ? { windowId: windows[worker] } : {}),
            });
            latencies.push(performance.now() - t0);
            if (res.status !== 200) failures[String(res.status)] = (failures[String(res.status)] ?? 0) + 1;
          }
        }),
      );
      const elapsedMs = performance.now() - started;
      figures.push({
        concurrency,
        series,
        rps: throughput(cases.length, elapsedMs),
        latency: summarize(latencies),
        failures,
      });
      await bench.stack.drain(300_000);
    }
  }
  return figures;
}
