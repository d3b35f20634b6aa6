import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { listCenterAppointments } from "../use-cases/appointments.use-case.ts";

export const handler = intakeHttp(
  queueRoutes.listCenterAppointments,
  async ({ params, query, principal }, ports) =>
    ok(await listCenterAppointments(params.centerId, query.date, principal, ports)),
);
