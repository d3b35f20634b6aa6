import { ok } from "#shared/http/responses.ts";
import { supervisionHttp } from "../adapters/http.ts";
import { hotlineRoutes } from "../hotline-routes.ts";
import { replyToWorkOrder } from "../use-cases/work-orders.use-case.ts";

export const handler = supervisionHttp(
  hotlineRoutes.replyToWorkOrder,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await replyToWorkOrder(params.workOrderId, body, { principal, correlationId }, ports)),
);
