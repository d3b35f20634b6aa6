import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { windowQueue } from "../use-cases/tickets.use-case.ts";

export const handler = intakeHttp(
  queueRoutes.windowQueue,
  async ({ params, principal, correlationId }, ports) =>
    ok(await windowQueue(params.windowId, { principal, correlationId }, ports)),
);
