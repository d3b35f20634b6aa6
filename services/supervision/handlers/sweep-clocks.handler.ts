import { scheduledHandler } from "#shared/schedule.ts";
import { supervisionPorts } from "../adapters/ports.ts";
import { recordSweep, sweepClocks } from "../use-cases/sweep-clocks.use-case.ts";

export const handler = scheduledHandler(async ({ scheduledAt, runId }) => {
  const result = await sweepClocks(scheduledAt, runId, supervisionPorts);
  recordSweep(result, supervisionPorts.clock.now());
  return result;
});
