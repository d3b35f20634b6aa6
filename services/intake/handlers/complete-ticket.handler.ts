import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { completeTicket } from "../use-cases/tickets.use-case.ts";

export const handler = intakeHttp(
  queueRoutes.completeTicket,
  async ({ params, principal, correlationId }, ports) =>
    ok(await completeTicket(params.ticketId, { principal, correlationId }, ports)),
);
