import { scheduledHandler } from "#shared/schedule.ts";
import { supervisionPorts } from "../adapters/ports.ts";
import { sweepClocks } from "../use-cases/sweep-clocks.use-case.ts";

export const handler = scheduledHandler(({ scheduledAt, runId }) =>
  sweepClocks(scheduledAt, runId, supervisionPorts),
);
