import type { BenchStack } from "./local-stack.ts";
import { submission } from "./local-stack.ts";
import { summarize, type LatencySummary } from "./stats.ts";

/**
 * From the submit response to the review task being listable. A review task is opened by `application.accepted`
 * (services/review/service.ts), so the clerk accepts the application as soon as the submission answers; the time runs
 * from the submit response, through the acceptance request, intake's stream → publisher → review's queue → consumer,
 * until the approver's department worklist (`GET /v1/review-tasks?state=open&itemId=…`) lists the task. The second
 * figure, from the acceptance response, is the event pipeline alone.
 *
 * Measured by polling the API every POLL_MS, never with `/_local/drain`. The local runtime nudges its pollers after
 * every HTTP request (infra/local/poller.ts), and they poll every 20 ms while hot, so polling the API also keeps them
 * hot: these are the local pipeline's figures, not Lambda's (whose stream and SQS pollers have their own cadence).
 * Cases run one at a time on an otherwise idle stack, on an item of their own: the worklist grows by one task per case
 * (at most `samples`), whatever other parts left open.
 */
export const POLL_MS = 10;

export interface E2eFigures {
  fromSubmit: LatencySummary;
  fromAcceptance: LatencySummary;
  polls: number;
  timeouts: number;
}

export async function benchEndToEnd(
  bench: BenchStack,
  samples: number,
  progress: (line: string) => void,
): Promise<E2eFigures> {
  const itemId = await bench.benchItem("e2e");
  // Setup, not a timing: the new item's guide reaches intake through the catalog's events
  await bench.stack.drain(60_000);
  const fromSubmit: number[] = [];
  const fromAcceptance: number[] = [];
  let polls = 0;
  let timeouts = 0;
  for (let i = 0; i < samples; i++) {
    if (i % 10 === 0) progress(`end to end: case ${i + 1} of ${samples}`);
    const submitted = await bench.call<{ id: string }>(
      "clerk",
      "POST",
      "/v1/applications",
      submission(itemId),
    );
    const t0 = performance.now();
    if (submitted.status !== 201)
      throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    const id = submitted.body.id;
    const accepted = await bench.call("clerk", "POST", `/v1/applications/${id}/acceptance`, {
      outcome: "accepted",
    });
    const t1 = performance.now();
    if (accepted.status !== 200)
      throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
    const deadline = t1 + 30_000;
    for (;;) {
      polls++;
      const list = await bench.call<{ items: { applicationId: string }[] }>(
        "approver",
        "GET",
        `/v1/review-tasks?scope=department&state=open&itemId=${itemId}&limit=100`,
      );
      if (list.body.items?.some((t) => t.applicationId === id)) {
        const t2 = performance.now();
        fromSubmit.push(t2 - t0);
        fromAcceptance.push(t2 - t1);
        break;
      }
      if (performance.now() > deadline) {
        timeouts++;
        break;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    // Isolation, not measurement: the next case starts from an idle system, not behind this one's other events.
    await bench.stack.drain(60_000);
  }
  return { fromSubmit: summarize(fromSubmit), fromAcceptance: summarize(fromAcceptance), polls, timeouts };
}
