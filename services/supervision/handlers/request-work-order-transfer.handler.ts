import { ok } from "#shared/http/responses.ts";
import { supervisionHttp } from "../adapters/http.ts";
import { hotlineRoutes } from "../hotline-routes.ts";
import { requestWorkOrderTransfer } from "../use-cases/work-orders.use-case.ts";

export const handler = supervisionHttp(
  hotlineRoutes.requestWorkOrderTransfer,
  async ({ params, body, principal, correlationId }, ports) =>
    ok(await requestWorkOrderTransfer(params.workOrderId, body, { principal, correlationId }, ports)),
);
