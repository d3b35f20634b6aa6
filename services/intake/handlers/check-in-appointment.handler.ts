import { created } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { checkIn } from "../use-cases/tickets.use-case.ts";

export const handler = intakeHttp(
  queueRoutes.checkInAppointment,
  async ({ params, principal, correlationId }, ports) => {
    const result = await checkIn(params.appointmentId, { principal, correlationId }, ports);
    return created(result, `/v1/tickets/${result.ticket.id}`);
  },
);
