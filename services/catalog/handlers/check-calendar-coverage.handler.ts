import { scheduledHandler } from "#shared/schedule.ts";
import { catalogPorts } from "../adapters/ports.ts";
import { checkCalendarCoverage } from "../use-cases/check-calendar-coverage.use-case.ts";

export const handler = scheduledHandler(({ runId }) => checkCalendarCoverage(runId, catalogPorts));
