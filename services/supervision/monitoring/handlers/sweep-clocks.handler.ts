import { scheduledHandler } from "#shared/schedule.ts";
import { monitoringPorts } from "../adapters/ports.ts";
import { recordSweep, sweepClocks } from "../use-cases/sweep-clocks.use-case.ts";

export const handler = scheduledHandler(async ({ scheduledAt, runId }) => {
  const result = await sweepClocks(scheduledAt, runId, monitoringPorts);
  recordSweep(result, monitoringPorts.clock.now());
  return result;
});
