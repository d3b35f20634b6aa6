import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { transferTicket } from "../use-cases/tickets.use-case.ts";

export const handler = intakeHttp(
  queueRoutes.transferTicket,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await transferTicket(params.ticketId, body, { principal, correlationId }, ports)),
);
