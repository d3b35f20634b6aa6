import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { cancelAppointment } from "../use-cases/appointments.use-case.ts";

export const handler = intakeHttp(
  queueRoutes.cancelAppointment,
  async ({ params, principal, correlationId }, ports) =>
    ok(await cancelAppointment(params.appointmentId, { principal, correlationId }, ports)),
);
