import { created } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { issueTicket } from "../use-cases/tickets.use-case.ts";

export const handler = intakeHttp(
  queueRoutes.issueTicket,
  async ({ body, principal, correlationId }, ports) => {
    const ticket = await issueTicket(body, { principal, correlationId }, ports);
    return created(ticket, `/v1/tickets/${ticket.id}`);
  },
);
