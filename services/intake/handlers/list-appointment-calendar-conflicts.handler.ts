import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { listCalendarConflicts } from "../use-cases/appointments.use-case.ts";

export const handler = intakeHttp(
  queueRoutes.listCalendarConflicts,
  async ({ params, query, principal }, ports) =>
    ok(await listCalendarConflicts(params.centerId, query, principal, ports)),
);
