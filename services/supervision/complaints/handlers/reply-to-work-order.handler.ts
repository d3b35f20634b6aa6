import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { workOrderRoutes } from "../work-order-routes.ts";
import { replyToWorkOrder } from "../use-cases/work-orders.use-case.ts";

export const handler = complaintsHttp(
  workOrderRoutes.replyToWorkOrder,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await replyToWorkOrder(params.workOrderId, body, { principal, correlationId }, ports)),
);
