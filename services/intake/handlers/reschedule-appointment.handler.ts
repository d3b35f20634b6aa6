import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { rescheduleAppointment } from "../use-cases/appointments.use-case.ts";

export const handler = intakeHttp(
  queueRoutes.rescheduleAppointment,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await rescheduleAppointment(params.appointmentId, body, { principal, correlationId }, ports)),
);
