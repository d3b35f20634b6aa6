import { ok } from "#shared/http/responses.ts";
import { complaintsHttp } from "../adapters/http.ts";
import { workOrderRoutes } from "../work-order-routes.ts";
import { recordWorkOrderFollowUp } from "../use-cases/work-orders.use-case.ts";

export const handler = complaintsHttp(
  workOrderRoutes.recordWorkOrderFollowUp,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await recordWorkOrderFollowUp(params.workOrderId, body, { principal, correlationId }, ports)),
);
