import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { markTicketNoShow } from "../use-cases/tickets.use-case.ts";

export const handler = intakeHttp(
  queueRoutes.markTicketNoShow,
  async ({ params, principal, correlationId }, ports) =>
    ok(await markTicketNoShow(params.ticketId, { principal, correlationId }, ports)),
);
