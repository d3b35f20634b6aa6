import { scheduledHandler } from "#shared/schedule.ts";
import { catalogPorts } from "../adapters/ports.ts";
import { checkStaffCompliance } from "../use-cases/staff-compliance.use-case.ts";

export const handler = scheduledHandler(({ runId }) => checkStaffCompliance(runId, catalogPorts));
