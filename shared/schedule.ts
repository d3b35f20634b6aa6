import type { Context, ScheduledEvent } from "aws-lambda";
import { observed } from "./lambda.ts";

/**
 * A scheduled function (EventBridge in AWS; the local runtime's timers on virtual time). `scheduledAt` is the time
 * the schedule fired for, so a rerun of the same firing can be recognised and not repeat its effects.
 */
export function scheduledHandler(
  fn: (input: { scheduledAt: Date; runId: string }, context: Context) => Promise<unknown>,
) {
  return observed(async (event: ScheduledEvent, context: Context) => {
    await fn({ scheduledAt: new Date(event.time), runId: event.id }, context);
  });
}
