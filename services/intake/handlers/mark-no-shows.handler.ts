import { scheduledHandler } from "#shared/schedule.ts";
import { intakePorts } from "../adapters/ports.ts";
import { markNoShows } from "../use-cases/mark-no-shows.use-case.ts";

export const handler = scheduledHandler(({ scheduledAt, runId }) =>
  markNoShows(scheduledAt, runId, intakePorts),
);
