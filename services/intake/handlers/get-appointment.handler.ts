import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { getAppointment } from "../use-cases/appointments.use-case.ts";

export const handler = intakeHttp(queueRoutes.getAppointment, async ({ params, principal }, ports) =>
  ok(await getAppointment(params.appointmentId, principal, ports)),
);
