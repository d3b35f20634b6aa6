import { ok } from "#shared/http/responses.ts";
import { intakeHttp } from "../adapters/http.ts";
import { queueRoutes } from "../queue-routes.ts";
import { callNext } from "../use-cases/tickets.use-case.ts";

/** Nothing waiting is a normal answer at a quiet window, not an error: 200 with `{ ticket: null }`. */
export const handler = intakeHttp(queueRoutes.callNext, async ({ params, principal, correlationId }, ports) =>
  ok({ ticket: await callNext(params.windowId, { principal, correlationId }, ports) }),
);
