import { created } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { bookAppointment } from "../use-cases/appointments.use-case.ts";

export const handler = intakeHttp(
  queueRoutes.bookAppointment,
  async ({ body, principal, correlationId }, ports) => {
    const appointment = await bookAppointment(body, { principal, correlationId }, ports);
    return created(appointment, `/v1/appointments/${appointment.id}`);
  },
);
