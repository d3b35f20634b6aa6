import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { serveTicket } from "../use-cases/tickets.use-case.ts";

export const handler = intakeHttp(
  queueRoutes.serveTicket,
  async ({ params, principal, correlationId }, ports) =>
    ok(await serveTicket(params.ticketId, { principal, correlationId }, ports)),
);
