import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { getTicket } from "../use-cases/tickets.use-case.ts";

export const handler = intakeHttp(queueRoutes.getTicket, async ({ params, principal }, ports) =>
  ok(await getTicket(params.ticketId, principal, ports)),
);
